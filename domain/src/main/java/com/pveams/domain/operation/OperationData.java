package com.pveams.domain.operation;

import com.pveams.domain.access.SecretFields;
import com.pveams.domain.error.DomainException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for what an operation records: parameters and step outputs are JSON objects without secret-looking
 * keys at any depth (the database checks the same with {@code ck_operation_params}/{@code ck_operation_step_output};
 * passwords travel encrypted on the VM row), names are upper-case codes, texts are bounded.
 */
public final class OperationData {
    /** Operation types and step kinds, as {@code ck_operation_type}/{@code ck_operation_step_kind} check them. */
    private static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9_]{1,47}$");
    /** Errors and reasons are for people; a handler quoting a huge response must not bloat every row. */
    static final int MAX_TEXT = 2000;

    private OperationData() {
    }

    public static String name(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw DomainException.invalid(field, "必须是大写字母开头的大写字母、数字或下划线(2-48位)",
                    "must be 2 to 48 upper-case letters, digits or underscores, starting with a letter");
        }
        return value;
    }

    /** A deep, unmodifiable copy of a JSON object; refuses secret-looking keys and values JSON cannot hold. */
    public static Map<String, Object> checked(Map<String, ?> value, String field) {
        if (value == null) {
            return Map.of();
        }
        return Collections.unmodifiableMap(copyObject(value, field));
    }

    private static Map<String, Object> copyObject(Map<?, ?> value, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : value.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw DomainException.invalid(path, "键必须是字符串", "keys must be strings");
            }
            if (SecretFields.isSecret(key)) {
                // a secret in an operation's record would be kept (and shown to admins) for years
                throw DomainException.invalid(path + "." + key, "不能记录机密信息", "must not hold a secret");
            }
            copy.put(key, copyValue(e.getValue(), path + "." + key));
        }
        return copy;
    }

    private static Object copyValue(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
            return v;
        }
        if (v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(copyObject(m, path));
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                copy.add(copyValue(l.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw DomainException.invalid(path, "不是JSON值", "is not a JSON value");
    }

    /** A reason or error for the record: never blank, cut to {@value #MAX_TEXT} code points. */
    static String text(String reason) {
        String r = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        if (r.codePointCount(0, r.length()) > MAX_TEXT) {
            r = r.substring(0, r.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
        }
        return r;
    }

    /** An optional bounded label ({@code requested_by}, {@code idempotency_key}). */
    static String label(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "最长" + max + "个字符，不能含控制字符",
                    "must be at most " + max + " characters without control characters");
        }
        return v;
    }
}
