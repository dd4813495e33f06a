package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.SmbiosFields.Kind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SMBIOS structure shown to guests (legacy {@code smbios}): a type and its field values, e.g. type 1
 * {@code {"manufacturer":"ASUS","product":"ROG"}}. Only the fields QEMU knows for the type are accepted
 * ({@link SmbiosFields}), each checked by its kind, and {@link #smbiosArgument()} renders them.
 */
public final class SmbiosModel {
    public static final int VALUE_MAX = 64;
    public static final int INFO_MAX = 255;
    /** PVE's {@code smbios1} option (the type-1 structure) is at most 512 characters. */
    public static final int SMBIOS1_MAX = 512;

    private static final Pattern UUID = Pattern.compile("[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Pattern RELEASE = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})");

    private final Long id;
    private final Instant createdAt;
    private final Spec spec;

    public SmbiosModel(Long id, Instant createdAt, Spec spec) {
        this.id = id;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** A checked model: {@code fields} in QEMU's order, values normalised. */
    public record Spec(int type, Map<String, String> fields, String info) {
        public Spec {
            if (SmbiosFields.fields(type).length == 0) {
                throw DomainException.invalid("type", "必须是 " + SmbiosFields.types() + " 之一",
                        "must be one of " + SmbiosFields.types());
            }
            fields = ordered(type, fields);
            if (fields.isEmpty()) {
                throw DomainException.invalid("model", "至少需要一个字段", "needs at least one field");
            }
            if (info != null) {
                info = info.strip();
                if (info.length() > INFO_MAX) {
                    throw DomainException.invalid("info", "长度不能超过 " + INFO_MAX, "must be at most " + INFO_MAX + " characters");
                }
            }
            if (type == 1 && smbios1(fields).length() > SMBIOS1_MAX) {
                throw DomainException.invalid("model", "type 1 的字段合计过长（PVE smbios1 最多 " + SMBIOS1_MAX + " 个字符）",
                        "is too long for type 1 (PVE's smbios1 holds at most " + SMBIOS1_MAX + " characters)");
            }
        }

        /**
         * Builds a spec from the API's values: {@code type} as sent (a number or numeric string), {@code model} a
         * JSON object of scalar values. Blank values are dropped, as the legacy renderer skipped them.
         */
        public static Spec parse(Object type, Map<String, ?> model, String info) {
            if (model == null) {
                throw DomainException.required("model");
            }
            int t = parseType(type);
            if (!SmbiosFields.types().contains(t)) {
                throw DomainException.invalid("type", "必须是 " + SmbiosFields.types() + " 之一",
                        "must be one of " + SmbiosFields.types());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : model.entrySet()) {
                String key = e.getKey();
                String field = "model." + key;
                Kind kind = SmbiosFields.kind(t, key).orElseThrow(() -> DomainException.invalid(field,
                        "不是 SMBIOS type " + t + " 的字段", "is not a field of SMBIOS type " + t));
                String value = scalar(field, e.getValue());
                if (value != null && !value.isBlank()) {
                    fields.put(key, check(field, kind, value.strip()));
                }
            }
            return new Spec(t, fields, info);
        }
    }

    public SmbiosModel revise(Spec next) {
        return new SmbiosModel(id, createdAt, next);
    }

    /** {@code -smbios type=1,manufacturer='ASUS',product='ROG'}: text single-quoted, numbers and UUIDs bare. */
    public String smbiosArgument() {
        StringBuilder sb = new StringBuilder("-smbios type=").append(spec.type());
        for (Map.Entry<String, String> e : spec.fields().entrySet()) {
            Kind kind = SmbiosFields.kind(spec.type(), e.getKey()).orElseThrow();
            sb.append(',').append(e.getKey()).append('=')
                    .append(kind == Kind.TEXT ? QemuText.quoted(e.getValue()) : e.getValue());
        }
        return sb.toString();
    }

    /** For type 1: the same values as PVE's own {@code smbios1} option (base64 values), which PVE limits to 512. */
    public Optional<String> smbios1() {
        return spec.type() == 1 ? Optional.of(smbios1(spec.fields())) : Optional.empty();
    }

    public Long id() { return id; }
    public Instant createdAt() { return createdAt; }
    public Spec spec() { return spec; }

    private static String smbios1(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        parts.add("base64=1");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String v = e.getKey().equals("uuid") ? e.getValue()
                    : Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8));
            parts.add(e.getKey() + "=" + v);
        }
        return String.join(",", parts);
    }

    private static Map<String, String> ordered(int type, Map<String, String> fields) {
        Map<String, String> in = fields == null ? Map.of() : fields;
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : SmbiosFields.fields(type)) {
            String v = in.get(f);
            if (v != null) {
                out.put(f, check("model." + f, SmbiosFields.kind(type, f).orElseThrow(), v));
            }
        }
        for (String k : in.keySet()) {
            if (!out.containsKey(k)) {
                throw DomainException.invalid("model." + k, "不是 SMBIOS type " + type + " 的字段",
                        "is not a field of SMBIOS type " + type);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static int parseType(Object type) {
        if (type == null || (type instanceof String s && s.isBlank())) {
            throw DomainException.required("type");
        }
        try {
            if (type instanceof Number n && n.doubleValue() == n.intValue()) {
                return n.intValue();
            }
            if (type instanceof String s) {
                return Integer.parseInt(s.strip());
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw DomainException.invalid("type", "必须是整数", "must be an integer");
    }

    private static String scalar(String field, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return v.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "on" : "off";
        }
        throw DomainException.invalid(field, "必须是字符串或整数", "must be a string or an integer");
    }

    private static String check(String field, Kind kind, String v) {
        switch (kind) {
            case TEXT -> QemuText.check(field, v, VALUE_MAX);
            case UUID -> {
                if (!UUID.matcher(v).matches()) {
                    throw DomainException.invalid(field, "必须是 UUID", "must be a UUID");
                }
            }
            case UINT16 -> {
                if (!DIGITS.matcher(v).matches() || v.length() > 5 || Integer.parseInt(v) > 0xFFFF) {
                    throw DomainException.invalid(field, "必须是 0 到 65535 的整数", "must be an integer from 0 to 65535");
                }
            }
            case UINT64 -> {
                boolean ok = DIGITS.matcher(v).matches();
                if (ok) {
                    try {
                        Long.parseUnsignedLong(v);
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    throw DomainException.invalid(field, "必须是 64 位无符号整数", "must be an unsigned 64-bit integer");
                }
            }
            case RELEASE -> {
                var m = RELEASE.matcher(v);
                if (!m.matches() || Integer.parseInt(m.group(1)) > 255 || Integer.parseInt(m.group(2)) > 255) {
                    throw DomainException.invalid(field, "必须是 主版本.次版本（0–255）", "must be major.minor (0-255 each)");
                }
            }
            case ON_OFF -> {
                if (!v.equals("on") && !v.equals("off")) {
                    throw DomainException.invalid(field, "必须是 on 或 off", "must be on or off");
                }
            }
        }
        return v;
    }
}
