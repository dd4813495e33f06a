package com.pveams.bootstrap;

/** Classes that break the dependency rule on purpose, to prove the rule fails when it should. */
final class ArchitectureTestFixtures {
    private ArchitectureTestFixtures() {
    }

    static class DomainLikeClassUsingQuarkus {
        Object uses() {
            return io.quarkus.runtime.Quarkus.class;
        }
    }
}
