package com.pveams.domain.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** OS families and CPU architectures an image can declare. */
public final class OsCatalog {
    public static final List<String> OS_TYPES = List.of("linux", "windows", "solaris", "other");
    public static final List<String> ARCHITECTURES = List.of("x86_64", "aarch64");
    /**
     * The architectures as the API contract lists them ({@code /api/common/osArch}), legacy misspelling included:
     * clients fill their forms from this list and send the value back, and the legacy server accepts only these.
     */
    public static final List<String> CONTRACT_ARCHITECTURES = List.of("x86_64", "arrch64");

    private OsCatalog() {
    }

    /**
     * Normalises an architecture name to one of {@link #ARCHITECTURES}. The contract's misspelling {@code arrch64}
     * and the real name {@code aarch64} (which the legacy server refused) both mean aarch64.
     */
    public static Optional<String> architecture(String arch) {
        if (arch == null) {
            return Optional.empty();
        }
        String a = arch.strip().toLowerCase(Locale.ROOT);
        if (a.equals("arrch64") || a.equals("arm64")) {
            a = "aarch64";
        }
        return ARCHITECTURES.contains(a) ? Optional.of(a) : Optional.empty();
    }
}
