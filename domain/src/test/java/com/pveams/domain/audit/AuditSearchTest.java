package com.pveams.domain.audit;

import com.pveams.domain.audit.AuditEntry.Level;
import com.pveams.domain.audit.AuditEntry.LogType;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditSearchTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void allAndBlankDoNotFilter() {
        AuditSearch s = AuditSearch.ofLegacy("all", "ALL", " ", "", null, ZoneOffset.UTC);
        assertEquals(new AuditSearch(null, null, null, null, null, null), s);
    }

    @Test
    void typeAndLevelInEitherCase() {
        AuditSearch s = AuditSearch.ofLegacy("login", "Warn", " ops ", "abc123", null, ZoneOffset.UTC);
        assertEquals(LogType.LOGIN, s.type());
        assertEquals(Level.WARN, s.level());
        assertEquals("ops", s.keyword());
        assertEquals("abc123", s.requestId());
    }

    @Test
    void aDateIsOneCalendarDayInTheGivenZone() {
        AuditSearch s = AuditSearch.ofLegacy(null, null, null, null, "2024-02-29", SHANGHAI);
        assertEquals(Instant.parse("2024-02-28T16:00:00Z"), s.from());
        assertEquals(Instant.parse("2024-02-29T16:00:00Z"), s.until());
    }

    @Test
    void badFiltersNameTheirParameter() {
        assertInvalid("type", () -> AuditSearch.ofLegacy("OPERATION", null, null, null, null, SHANGHAI));
        assertInvalid("level", () -> AuditSearch.ofLegacy(null, "DEBUG", null, null, null, SHANGHAI));
        assertInvalid("date", () -> AuditSearch.ofLegacy(null, null, null, null, "2023-02-29", SHANGHAI));
        assertInvalid("date", () -> AuditSearch.ofLegacy(null, null, null, null, "1700000000000", SHANGHAI));
        assertInvalid("keyword", () -> AuditSearch.ofLegacy(null, null, "k".repeat(129), null, null, SHANGHAI));
        assertInvalid("requestId", () -> AuditSearch.ofLegacy(null, null, null, "r".repeat(65), null, SHANGHAI));
        assertNull(AuditSearch.ofLegacy(null, null, "k".repeat(128), null, null, SHANGHAI).level());
    }

    private static void assertInvalid(String field, org.junit.jupiter.api.function.Executable call) {
        DomainException e = assertThrows(DomainException.class, call);
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals(field, e.field().orElseThrow());
    }
}
