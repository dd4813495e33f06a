package com.pveams.domain.catalog;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The QEMU CPU types a VM may be created with (PVE's {@code cpu} option), each with its vendor or description. */
public final class CpuTypes {
    private static final Map<String, String> TYPES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        String intel = "Intel";
        String amd = "AMD";
        for (String t : new String[]{"486", "Conroe", "Broadwell-IBRS", "Skylake-Server", "Broadwell-noTSX-IBRS"}) {
            m.put(t, intel);
        }
        m.put("qemu32", "Common 32-bit QEMU CPU");
        m.put("KnightsMill", intel);
        m.put("athlon", amd);
        for (String t : new String[]{"IvyBridge-IBRS", "Icelake-Client-noTSX", "Cascadelake-Server", "coreduo"}) {
            m.put(t, intel);
        }
        m.put("host", "KVM processor with all supported host features");
        for (String t : new String[]{"Haswell", "Skylake-Client", "Skylake-Server-noTSX-IBRS", "Icelake-Server-noTSX",
                "Haswell-noTSX", "Skylake-Server-IBRS", "Icelake-Client", "pentium2", "pentium3", "pentium", "core2duo",
                "Haswell-IBRS", "Westmere", "Icelake-Server"}) {
            m.put(t, intel);
        }
        m.put("phenom", amd);
        m.put("kvm64", "Common KVM processor");
        for (String t : new String[]{"Skylake-Client-noTSX-IBRS", "IvyBridge", "Haswell-noTSX-IBRS", "Nehalem-IBRS", "Broadwell"}) {
            m.put(t, intel);
        }
        m.put("EPYC", amd);
        m.put("kvm32", "Common KVM processor");
        m.put("Cascadelake-Server-noTSX", intel);
        m.put("EPYC-Rome", amd);
        m.put("SandyBridge-IBRS", intel);
        m.put("Broadwell-noTSX", intel);
        m.put("Nehalem", intel);
        m.put("max", "maximum supported CPU model");
        m.put("EPYC-IBPB", amd);
        m.put("qemu64", "Common 64-bit QEMU CPU");
        m.put("EPYC-Milan", amd);
        m.put("Skylake-Client-IBRS", intel);
        m.put("Opteron_G1", amd);
        m.put("Westmere-IBRS", intel);
        for (String t : new String[]{"Opteron_G2", "Opteron_G3", "Opteron_G4", "Opteron_G5"}) {
            m.put(t, amd);
        }
        m.put("SandyBridge", intel);
        TYPES = Collections.unmodifiableMap(m);
    }

    private CpuTypes() {
    }

    public static Map<String, String> all() {
        return TYPES;
    }

    public static boolean isKnown(String cpu) {
        return cpu != null && TYPES.containsKey(cpu);
    }

    /** Only these expose virtualisation extensions to the guest, so only they can run nested hypervisors. */
    public static boolean supportsNested(String cpu) {
        return "host".equals(cpu) || "max".equals(cpu);
    }

    /**
     * The named models are x86 models; only {@code host} and {@code max} exist for every architecture PVE runs
     * ({@code x86_64}, {@code aarch64}).
     */
    public static boolean runsOn(String cpu, String arch) {
        return supportsNested(cpu) || ("x86_64".equals(arch) && isKnown(cpu));
    }

    /** A cpu type as PVE's {@code cpu} option accepts it; legacy code 1007 naming the field otherwise. */
    public static String require(String field, String cpu) {
        if (!isKnown(cpu)) {
            throw new DomainException(ErrorCode.CPU_TYPE_NOT_EXIST, field, "不是支持的 CPU 类型", "is not a supported CPU type");
        }
        return cpu;
    }

    /** Legacy rule 1010: nested virtualisation needs a CPU type that passes the extensions through. */
    public static void requireNestedSupport(String field, boolean nested, String cpu) {
        if (nested && !supportsNested(cpu)) {
            throw new DomainException(ErrorCode.CPU_TYPE_NOT_SUPPORT_NESTED, field, "需要 CPU 类型 host 或 max",
                    "needs CPU type host or max");
        }
    }
}
