package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The filter of {@code getVmByParam?param&value}: which column the legacy allowed to search, with the value
 * parsed for it. A whitelist, so a caller can never name a column or inject SQL; values are bound as parameters.
 */
public record VmSearch(Field field, String text, long number) {

    public enum Field {
        /** exact, case-insensitive (DNS names are) */
        HOSTNAME("hostname"),
        VMID("vmid"),
        /** a VM holding the address, or showing it in its ipconfig */
        IP("ip"),
        NODE("nodeid"),
        STATUS("status");

        private final String param;

        Field(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    public VmSearch {
        if (field == null) {
            throw new IllegalArgumentException("field is required");
        }
    }

    public static VmSearch of(String param, String value) {
        if (param == null || param.isBlank()) {
            throw DomainException.required("param");
        }
        String p = param.strip().toLowerCase(Locale.ROOT);
        Field field = Arrays.stream(Field.values()).filter(f -> f.param.equals(p) || (f == Field.NODE && p.equals("node_id")))
                .findFirst().orElseThrow(() -> DomainException.invalid("param",
                        "只能是 " + names(), "must be one of " + names()));
        if (value == null || value.isBlank()) {
            throw DomainException.required("value");
        }
        String v = value.strip();
        return switch (field) {
            case HOSTNAME -> {
                if (v.length() > 253) {
                    throw DomainException.invalid("value", "主机名过长", "is too long for a hostname");
                }
                yield new VmSearch(field, v.toLowerCase(Locale.ROOT), 0);
            }
            case VMID -> new VmSearch(field, null, number(v, 100, 999_999_999, "必须是 100 到 999999999 之间的整数",
                    "must be an integer from 100 to 999999999"));
            case NODE -> new VmSearch(field, null, number(v, 1, Long.MAX_VALUE, "必须是正整数", "must be a positive integer"));
            case STATUS -> new VmSearch(field, null, VmState.ofCode((int) number(v, 0, 15,
                    "必须是 0 到 15 之间的状态码", "must be a status code from 0 to 15"), "value").code());
            case IP -> new VmSearch(field, IpAddress.parse(v, "value").toString(), 0);
        };
    }

    private static long number(String v, long min, long max, String zh, String en) {
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw DomainException.invalid("value", zh, en);
            }
            return n;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("value", zh, en);
        }
    }

    private static String names() {
        return Arrays.stream(Field.values()).map(Field::param).collect(Collectors.joining(", "));
    }
}
