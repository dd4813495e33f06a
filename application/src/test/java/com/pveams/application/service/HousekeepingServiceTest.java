package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.config.RetentionPolicy;
import com.pveams.application.port.in.HousekeepingUseCase.Purged;
import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.domain.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HousekeepingServiceTest {
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void purgesOnlyWhatIsPastItsRetention() {
        List<Instant> cutoffs = new ArrayList<>();
        AuditLogRepository audit = new AuditLogRepository() {
            public void append(AuditEntry entry) {
            }

            public int purgeBefore(Instant cutoff) {
                cutoffs.add(cutoff);
                return 7;
            }
        };
        InMemoryLoginAttempts failures = new InMemoryLoginAttempts();
        failures.failed("a", "1.1.1.1", now.minus(Duration.ofMinutes(20)));
        failures.failed("a", "1.1.1.1", now.minus(Duration.ofMinutes(5)));
        HousekeepingService service = new HousekeepingService(audit, failures, Clock.fixed(now, ZoneOffset.UTC),
                new AccessPolicy(5, 20, 10, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(15)), new RetentionPolicy(Duration.ofDays(180)));

        assertEquals(new Purged(7, 1), service.purgeExpired());
        assertEquals(List.of(now.minus(Duration.ofDays(180))), cutoffs);
        assertEquals(List.of(now.minus(Duration.ofMinutes(5))), failures.rows.stream().map(a -> a.at).toList());
    }
}
