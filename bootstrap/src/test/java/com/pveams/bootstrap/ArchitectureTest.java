package com.pveams.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
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

    /** The PVE client and the SSH shell share a module but not code: each talks to the node its own way. */
    @ParameterizedTest(name = "{0} does not see {1}")
    @CsvSource({
            "rest, pve", "rest, ssh", "rest, persistence",
            "pve, rest", "pve, ssh", "pve, persistence",
            "ssh, rest", "ssh, pve", "ssh, persistence",
            "persistence, rest", "persistence, pve", "persistence, ssh"})
    void adaptersDoNotDependOnEachOther(String from, String to) {
        // no allowEmptyShould: a rule whose package was renamed away fails instead of passing vacuously
        noClasses().that().resideInAPackage("com.pveams.adapters." + from + "..")
                .should().dependOnClassesThat().resideInAPackage("com.pveams.adapters." + to + "..")
                .check(CLASSES);
    }

    @Test
    void inboundAdaptersUseTheApplicationOnlyThroughInputPorts() {
        classes().that().resideInAPackage("com.pveams.adapters.rest..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("com.pveams.application..")
                        .or(resideInAPackage("com.pveams.application.port.in..")))
                .check(CLASSES);
    }

    @Test
    void nothingButBootstrapSeesBootstrap() {
        noClasses().that().resideOutsideOfPackage("com.pveams.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("com.pveams.bootstrap..")
                .check(CLASSES);
    }

    @Test
    void aRuleOverARenamedPackageFails() {
        ArchRule rule = noClasses().that().resideInAPackage("com.pveams.adapters.renamedaway..")
                .should().dependOnClassesThat().resideInAPackage("com.pveams.adapters.rest..");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(CLASSES));
    }

    @Test
    void theRuleCatchesAFrameworkImportInTheDomain() {
        JavaClasses bad = new ClassFileImporter().importClasses(ArchitectureTestFixtures.DomainLikeClassUsingQuarkus.class);
        ArchRule rule = classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.pveams.domain..");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(bad));
    }
}
