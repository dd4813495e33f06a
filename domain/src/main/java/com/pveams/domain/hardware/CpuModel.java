package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CPU identity (legacy {@code cpuinfo}) shown to guests through QEMU {@code -cpu} properties: brand string,
 * family/model/stepping, CPUID levels, vendor, L3 cache and extra flags. Every value is typed and bounded by what
 * QEMU's x86 CPU accepts, and rendered by {@link #cpuProperties()} so nothing else can reach the command line.
 */
public final class CpuModel {
    /** CPUID leaves 0x80000002..4 hold the brand string: 48 characters is all a guest can see. */
    public static final int NAME_MAX = 48;
    /** QEMU: family ≤ 0xff + 0xf (base + extended), model ≤ 0xff, stepping ≤ 0xf. */
    public static final int FAMILY_MAX = 0xff + 0xf;
    public static final int MODEL_MAX = 0xff;
    public static final int STEPPING_MAX = 0xf;
    public static final int FLAGS_MAX_LENGTH = 1024;

    private static final Pattern LEVEL = Pattern.compile("0[xX][0-9A-Fa-f]{1,8}|[0-9]{1,10}");
    private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9 ]{12}");
    /** {@code +flag}, {@code -flag}, {@code flag} or {@code prop=value}: one item of QEMU's {@code -cpu} list. */
    private static final Pattern FLAG = Pattern.compile(
            "[+-][A-Za-z0-9][A-Za-z0-9_.-]*|[A-Za-z0-9][A-Za-z0-9_.-]*(=[A-Za-z0-9][A-Za-z0-9_.+-]*)?");

    private final Long id;
    private final Instant createdAt;
    private final Spec spec;

    public CpuModel(Long id, Instant createdAt, Spec spec) {
        this.id = id;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The fields as an admin edits them. Building one validates every field, naming it on failure. */
    public record Spec(String name, Integer family, Integer model, Integer stepping, String level, String xlevel,
                       String vendor, boolean l3Cache, List<String> extraFlags) {
        public Spec {
            name = QemuText.required("name", name, NAME_MAX);
            range("family", family, FAMILY_MAX);
            range("model", model, MODEL_MAX);
            range("stepping", stepping, STEPPING_MAX);
            level = cpuidLevel("level", level);
            xlevel = cpuidLevel("xlevel", xlevel);
            vendor = cpuidVendor(vendor);
            extraFlags = extraFlags == null ? List.of() : List.copyOf(extraFlags);
            for (String f : extraFlags) {
                if (f == null || !FLAG.matcher(f).matches()) {
                    throw DomainException.invalid("other", "每一项必须是 +flag、-flag 或 name=value",
                            "every item must be +flag, -flag or name=value");
                }
            }
            if (String.join(",", extraFlags).length() > FLAGS_MAX_LENGTH) {
                throw DomainException.invalid("other", "长度不能超过 " + FLAGS_MAX_LENGTH,
                        "must be at most " + FLAGS_MAX_LENGTH + " characters");
            }
        }

        /** Applies the fields an admin sent; null means unchanged, an empty {@code other} clears the flags. */
        public Spec with(Patch p) {
            return new Spec(p.name() == null ? name : p.name(),
                    p.family() == null ? family : p.family(),
                    p.model() == null ? model : p.model(),
                    p.stepping() == null ? stepping : p.stepping(),
                    p.level() == null ? level : p.level(),
                    p.xlevel() == null ? xlevel : p.xlevel(),
                    p.vendor() == null ? vendor : p.vendor(),
                    p.l3Cache() == null ? l3Cache : p.l3Cache(),
                    p.other() == null ? extraFlags : parseFlags(p.other()));
        }

        public String extraFlagsText() {
            return extraFlags.isEmpty() ? null : String.join(",", extraFlags);
        }
    }

    /** The raw API values of a CPU model (legacy field names); null means "not sent". */
    public record Patch(String name, Integer family, Integer model, Integer stepping, String level, String xlevel,
                        String vendor, Boolean l3Cache, String other) {
        /** A new model: what was not sent takes its default (no L3 cache, no flags). */
        public Spec toSpec() {
            return new Spec(name, family, model, stepping, level, xlevel, vendor, l3Cache != null && l3Cache,
                    parseFlags(other));
        }
    }

    /** The legacy {@code other} string: comma-separated flags; blank means none. */
    public static List<String> parseFlags(String other) {
        List<String> flags = new ArrayList<>();
        if (other == null || other.isBlank()) {
            return flags;
        }
        for (String item : other.split(",", -1)) {
            String f = item.strip();
            if (f.isEmpty() || !FLAG.matcher(f).matches()) {
                throw DomainException.invalid("other", "每一项必须是 +flag、-flag 或 name=value",
                        "every item must be +flag, -flag or name=value");
            }
            flags.add(f);
        }
        return flags;
    }

    public CpuModel revise(Patch patch) {
        return new CpuModel(id, createdAt, spec.with(patch));
    }

    /**
     * The identity as QEMU {@code -cpu} properties, e.g.
     * {@code model-id='Intel Xeon',family=6,model=85,stepping=7,vendor='GenuineIntel',l3-cache=on,+avx2}.
     * Only typed, checked values appear; strings are single-quoted.
     */
    public String cpuProperties() {
        List<String> parts = new ArrayList<>();
        parts.add("model-id=" + QemuText.quoted(spec.name()));
        if (spec.family() != null) {
            parts.add("family=" + spec.family());
        }
        if (spec.model() != null) {
            parts.add("model=" + spec.model());
        }
        if (spec.stepping() != null) {
            parts.add("stepping=" + spec.stepping());
        }
        if (spec.level() != null) {
            parts.add("level=" + spec.level());
        }
        if (spec.xlevel() != null) {
            parts.add("xlevel=" + spec.xlevel());
        }
        if (spec.vendor() != null) {
            parts.add("vendor=" + QemuText.quoted(spec.vendor()));
        }
        parts.add("l3-cache=" + (spec.l3Cache() ? "on" : "off"));
        parts.addAll(spec.extraFlags());
        return String.join(",", parts);
    }

    public Long id() { return id; }
    public Instant createdAt() { return createdAt; }
    public Spec spec() { return spec; }

    private static void range(String field, Integer v, int max) {
        if (v != null && (v < 0 || v > max)) {
            throw DomainException.invalid(field, "必须在 0 到 " + max + " 之间", "must be between 0 and " + max);
        }
    }

    /** CPUID levels are 32-bit: decimal or 0x-prefixed hex. */
    private static String cpuidLevel(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        boolean ok = LEVEL.matcher(v).matches();
        if (ok) {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            ok = n <= 0xFFFF_FFFFL;
        }
        if (!ok) {
            throw DomainException.invalid(field, "必须是 32 位整数（十进制或 0x 开头的十六进制）",
                    "must be a 32-bit number (decimal or 0x-prefixed hex)");
        }
        return v;
    }

    /** QEMU refuses any vendor that is not exactly 12 characters (the CPUID vendor string). */
    private static String cpuidVendor(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!VENDOR.matcher(raw).matches()) {
            throw DomainException.invalid("vendor", "必须正好是 12 个字母、数字或空格（如 GenuineIntel）",
                    "must be exactly 12 letters, digits or spaces (like GenuineIntel)");
        }
        return raw;
    }
}
