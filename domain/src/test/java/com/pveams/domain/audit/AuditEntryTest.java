package com.pveams.domain.audit;

import com.pveams.domain.audit.AuditEntry.ActorType;
import com.pveams.domain.audit.AuditEntry.Level;
import com.pveams.domain.audit.AuditEntry.LogType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuditEntryTest {
    private static final String SMILE = "\uD83D\uDE00"; // one code point, two chars

    private static AuditEntry entry(String actor, String path, String userAgent, String detail) {
        return new AuditEntry("r".repeat(100), Instant.EPOCH, LogType.ofPath(path), ActorType.ANONYMOUS, actor,
                "POST", path, "203.0.113.9", userAgent, 200, 20402, false, 3, detail, null);
    }

    @Test
    void freeTextIsCutToItsColumnCountingCodePoints() {
        String username = "a".repeat(117) + SMILE.repeat(383); // 500 code points
        AuditEntry e = entry("anonymous:" + username, "/" + "p".repeat(600), "UA".repeat(300), "d".repeat(5000));

        // 10 + 117 = 127 code points, then the whole emoji: 128 code points in 129 chars
        assertEquals("anonymous:" + "a".repeat(117) + SMILE, e.actor());
        assertEquals(128, e.actor().codePointCount(0, e.actor().length()));
        assertEquals(64, e.requestId().length());
        assertEquals(512, e.path().length());
        assertEquals(256, e.userAgent().length());
        assertEquals(4096, e.detail().length());
    }

    @Test
    void neverEndsInHalfASurrogatePair() {
        AuditEntry e = entry(SMILE.repeat(200), "/x", SMILE.repeat(300), SMILE.repeat(3000));
        assertEquals(SMILE.repeat(128), e.actor());
        assertEquals(SMILE.repeat(256), e.userAgent());
        assertEquals(SMILE.repeat(3000), e.detail()); // 6000 chars but only 3000 code points: kept whole
    }

    @Test
    void nulCharactersAreReplacedBecausePostgresRefusesThem() {
        AuditEntry e = entry("anonymous:ev\0il", "/admin/loginDo", null, null);
        assertEquals("anonymous:ev\uFFFDil", e.actor());
        assertNull(e.userAgent());
        assertNull(e.detail());
    }

    @Test
    void shortValuesAreKeptAsTheyAre() {
        AuditEntry e = entry("admin:ops", "/admin/registerDo", "curl/8", "{}");
        assertEquals("admin:ops", e.actor());
        assertEquals("/admin/registerDo", e.path());
        assertEquals("curl/8", e.userAgent());
    }

    @Test
    void logTypeComesFromTheLoginEndpoint() {
        assertEquals(LogType.LOGIN, LogType.ofPath("/admin/loginDo"));
        assertEquals(LogType.LOGIN, LogType.ofPath("/secret-path/loginDo"));
        assertEquals(LogType.API, LogType.ofPath("/admin/registerDo"));
        assertEquals(LogType.API, LogType.ofPath(null));
    }

    @Test
    void levelFollowsTheLegacyRule() {
        assertEquals(Level.INFO, Level.of(200, true));
        assertEquals(Level.WARN, Level.of(200, false));
        assertEquals(Level.WARN, Level.of(401, false));
        assertEquals(Level.WARN, Level.of(413, true));
        assertEquals(Level.ERROR, Level.of(500, false));
        assertEquals(Level.ERROR, Level.of(503, true));
    }

    @Test
    void summaryNamesTheCallAndItsOutcome() {
        assertEquals("LOGIN FAIL 20402, anonymous:ops",
                new AuditRecord(1, entry("anonymous:ops", "/admin/loginDo", null, null)).summary());
        AuditEntry ok = new AuditEntry("r1", Instant.EPOCH, LogType.API, ActorType.ADMIN, "admin:ops", "DELETE",
                "/admin/deleteApi", null, null, 200, 20000, true, 1, null, null);
        assertEquals("DELETE /admin/deleteApi SUCCESS", new AuditRecord(2, ok).summary());
    }
}
