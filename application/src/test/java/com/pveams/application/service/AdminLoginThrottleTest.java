package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.port.in.access.AdminLoginUseCase.LoginCommand;
import com.pveams.application.port.in.access.LoginThrottledException;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminLoginThrottleTest {
    /** 3 failures per username and address, 10 per address, the username slowed from its 5th failure on. */
    static final AccessPolicy POLICY = new AccessPolicy(3, 10, 5, Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofMinutes(5));
    private static final String OWNER = "198.51.100.7";
    private static final String ATTACKER = "203.0.113.66";

    final InMemoryAdmins admins = new InMemoryAdmins();
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryLoginAttempts attempts = new InMemoryLoginAttempts();
    final AdminAccessService access = new AdminAccessService(admins, AdminServicesTest.PLAIN, clock, POLICY, attempts);

    AdminLoginThrottleTest() {
        new AdminAccountService(admins, AdminServicesTest.PLAIN, clock).ensureInitialAdmin(Optional.of("right-password"));
    }

    private void fails(String username, String address) {
        DomainException e = assertThrows(DomainException.class,
                () -> access.login(new LoginCommand(username, "wrong-password", address)));
        assertEquals(ErrorCode.LOGIN_FAIL, e.code());
    }

    private Duration refused(String username, String password, String address) {
        LoginThrottledException e = assertThrows(LoginThrottledException.class,
                () -> access.login(new LoginCommand(username, password, address)));
        assertEquals(ErrorCode.ACCOUNT_LOCK, e.code());
        return e.retryAfter();
    }

    private void logsIn(String address) {
        assertEquals("admin", access.login(new LoginCommand("admin", "right-password", address)).username());
    }

    @Test
    void theAttackersAddressIsRefusedWhileTheRightPasswordLogsInFromAnother() {
        for (int i = 0; i < 3; i++) {
            fails("admin", ATTACKER);
        }
        // Refused before the password is even looked at, so the right one is refused too...
        assertEquals(Duration.ofMinutes(5), refused("admin", "right-password", ATTACKER));
        // ...and hammering the refusal neither extends it nor counts against the username.
        for (int i = 0; i < 100; i++) {
            refused("admin", "wrong-password", ATTACKER);
        }
        assertEquals(3, attempts.failuresOf("admin"));
        logsIn(OWNER);
        clock.advance(Duration.ofMinutes(5));
        fails("admin", ATTACKER);
    }

    @Test
    void anAddressSprayingUsernamesIsRefusedForEveryUsername() {
        for (int i = 0; i < 10; i++) {
            fails("user-" + i, ATTACKER);
        }
        assertEquals(Duration.ofMinutes(5), refused("someone-else", "x", ATTACKER));
        assertEquals(Duration.ofMinutes(5), refused("admin", "right-password", ATTACKER));
        logsIn(OWNER);
    }

    @Test
    void anIpv6AttackerCannotEscapeByRotatingWithinItsSlash64() {
        for (int i = 1; i <= 3; i++) {
            fails("admin", "2001:db8:66:1::" + i);
        }
        refused("admin", "right-password", "2001:db8:66:1:ffff::9");
        logsIn("2001:db8:77:1::1");
    }

    @Test
    void theUsernameIsSlowedAcrossAddressesButNeverLocked() {
        for (int i = 0; i < 5; i++) {
            fails("admin", "203.0.113." + i);
        }
        // Past the ceiling: 0.5 s after the newest failure (announced as a whole second).
        assertEquals(Duration.ofSeconds(1), refused("admin", "right-password", OWNER));
        clock.advance(Duration.ofMillis(500));
        logsIn(OWNER);

        // A distributed guesser keeps going: each failure doubles the delay, up to 4 s and never beyond.
        List<Duration> waits = new ArrayList<>();
        for (int i = 10; i < 60; i++) {
            fails("admin", "203.0.113." + i);
            Duration wait = refused("admin", "wrong-password", "203.0.113." + (i + 100));
            waits.add(wait);
            clock.advance(wait);
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4)),
                waits.subList(0, 4));
        assertTrue(waits.stream().allMatch(w -> w.compareTo(Duration.ofSeconds(4)) <= 0), waits::toString);
        assertEquals(55, attempts.failuresOf("admin"));
        // After 55 failures the owner still gets in: at most 4 s after the newest one.
        fails("admin", "203.0.113.99");
        assertEquals(Duration.ofSeconds(4), refused("admin", "right-password", OWNER));
        clock.advance(Duration.ofSeconds(4));
        logsIn(OWNER);
    }

    @Test
    void failuresLeaveTheWindow() {
        for (int i = 0; i < 3; i++) {
            fails("admin", ATTACKER);
            clock.advance(Duration.ofMinutes(1));
        }
        // The oldest failure is 3 minutes old: it leaves the 5-minute window in 2.
        assertEquals(Duration.ofMinutes(2), refused("admin", "right-password", ATTACKER));
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        refused("admin", "right-password", ATTACKER);
        clock.advance(Duration.ofMillis(1));
        logsIn(ATTACKER);
    }

    @Test
    void successForgivesItsOwnAddressOnly() {
        fails("admin", OWNER);
        fails("admin", OWNER);
        fails("admin", ATTACKER);
        fails("admin", ATTACKER);
        logsIn(OWNER);
        // The owner's typos are forgiven; the attacker's failures still count for the username and its address.
        assertEquals(2, attempts.failuresOf("admin"));
        fails("admin", OWNER);
        fails("admin", OWNER);
        fails("admin", ATTACKER);
        refused("admin", "right-password", ATTACKER);
    }

    @Test
    void failuresRecordedByAnotherReplicaCountToo() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("someone-" + i, ATTACKER, clock.instant().minusSeconds(60));
        }
        refused("admin", "right-password", ATTACKER);
        logsIn(OWNER);
    }

    @Test
    void hugeUsernamesAndAddressesAreBounded() {
        fails("x".repeat(10_000), "y".repeat(10_000));
        InMemoryLoginAttempts.Attempt last = attempts.rows.get(attempts.rows.size() - 1);
        assertEquals(64, last.username.length());
        assertEquals(64, last.address.length());
    }

    /**
     * 50 parallel wrong passwords from one address. The password checks block until every request has either
     * reached one or been refused, so an implementation that checks the count and records the failure afterwards
     * would let all 50 through; reserving first admits exactly the limit.
     */
    @Test
    void aParallelBurstGetsAtMostTheLimitOfPasswordChecks() throws Exception {
        int burst = 50;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch settled = new CountDownLatch(burst);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher() {
            public String hash(String raw) {
                return AdminServicesTest.PLAIN.hash(raw);
            }

            public boolean matches(String raw, String hash) {
                checks.incrementAndGet();
                settled.countDown();
                try {
                    assertTrue(release.await(60, TimeUnit.SECONDS), "the test never released the checks");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return AdminServicesTest.PLAIN.matches(raw, hash);
            }
        };
        AdminAccessService service = new AdminAccessService(admins, counting, clock, POLICY, attempts);
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        try {
            for (int i = 0; i < burst; i++) {
                pool.submit(() -> {
                    start.await();
                    try {
                        service.login(new LoginCommand("admin", "wrong-password", ATTACKER));
                    } catch (LoginThrottledException e) {
                        throttled.incrementAndGet();
                        settled.countDown();
                    } catch (DomainException e) {
                        if (e.code() == ErrorCode.LOGIN_FAIL) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            assertTrue(settled.await(60, TimeUnit.SECONDS), "requests neither checked nor refused");
            release.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(3, checks.get());
        assertEquals(3, wrong.get());
        assertEquals(burst - 3, throttled.get());
    }
}
