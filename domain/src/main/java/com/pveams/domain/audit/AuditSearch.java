package com.pveams.domain.audit;

import com.pveams.domain.audit.AuditEntry.Level;
import com.pveams.domain.audit.AuditEntry.LogType;
import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What an admin looks for in the audit log. A null criterion does not filter. {@code from} (inclusive) and
 * {@code until} (exclusive) bound the time.
 */
public record AuditSearch(LogType type, Level level, String keyword, String requestId, Instant from, Instant until) {
    public static final int MAX_KEYWORD = 128;
    private static final String ALL = "all";

    public AuditSearch {
        if (keyword != null && keyword.codePointCount(0, keyword.length()) > MAX_KEYWORD) {
            throw DomainException.invalid("keyword", "长度不能超过 " + MAX_KEYWORD, "must be at most " + MAX_KEYWORD + " characters");
        }
        if (requestId != null && requestId.length() > AuditEntry.MAX_REQUEST_ID) {
            throw DomainException.invalid("requestId", "长度不能超过 " + AuditEntry.MAX_REQUEST_ID,
                    "must be at most " + AuditEntry.MAX_REQUEST_ID + " characters");
        }
        if ((from == null) != (until == null) || (from != null && !from.isBefore(until))) {
            throw new IllegalArgumentException("a time range needs a start before its end");
        }
    }

    /**
     * Reads the legacy filters of {@code getSystemLogs}: {@code type} all|API|LOGIN, {@code level}
     * all|INFO|WARN|ERROR (either case, blank meaning all), {@code date} one calendar day (yyyy-MM-dd) in
     * {@code zone}.
     */
    public static AuditSearch ofLegacy(String type, String level, String keyword, String requestId, String date,
                                       ZoneId zone) {
        LogType t = parse(LogType.class, type, "type", "all, API, LOGIN");
        Level l = parse(Level.class, level, "level", "all, INFO, WARN, ERROR");
        Instant from = null;
        Instant until = null;
        if (date != null && !date.isBlank()) {
            LocalDate day;
            try {
                day = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("date", "必须是日期 yyyy-MM-dd", "must be a date (yyyy-MM-dd)");
            }
            from = day.atStartOfDay(zone).toInstant();
            until = day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return new AuditSearch(t, l, blankToNull(keyword), blankToNull(requestId), from, until);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, String allowed) {
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase(ALL)) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "必须是 " + allowed + " 之一", "must be one of " + allowed);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
