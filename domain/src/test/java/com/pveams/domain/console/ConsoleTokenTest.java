package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.VmState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTokenTest {

    @Test
    void tokensAreRandomUrlSafeAndStoredOnlyAsTheirHash() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ConsoleToken t = ConsoleToken.generate();
            assertTrue(t.reveal().matches("[A-Za-z0-9_-]{43}"), t.reveal());
            assertTrue(seen.add(t.reveal()));
            assertTrue(t.hash().matches("[0-9a-f]{64}"));
            assertNotEquals(t.reveal(), t.hash());
            assertFalse(t.toString().contains(t.reveal()));
        }
    }

    @Test
    void aParsedTokenHashesLikeTheIssuedOne() {
        ConsoleToken t = ConsoleToken.generate();
        assertEquals(t.hash(), ConsoleToken.parse(t.reveal()).orElseThrow().hash());
    }

    @Test
    void anythingNotShapedLikeATokenIsRefused() {
        assertTrue(ConsoleToken.parse(null).isEmpty());
        assertTrue(ConsoleToken.parse("").isEmpty());
        assertTrue(ConsoleToken.parse("my-vm-hostname").isEmpty());
        assertTrue(ConsoleToken.parse("a".repeat(42) + "=").isEmpty());
        assertTrue(ConsoleToken.parse("a".repeat(44)).isEmpty());
    }

    @Test
    void aPausedVmIsDisabledAndAStoppedGuestIsNotRunning() {
        assertEquals(ErrorCode.VM_IS_DISABLED, assertThrows(DomainException.class,
                () -> ConsoleAdmission.admitStored(VmState.PAUSED)).code());
        ConsoleAdmission.admitStored(VmState.RUNNING);
        ConsoleAdmission.admitStored(VmState.STOPPED);
        assertEquals(ErrorCode.VM_IS_NOT_RUNNING, assertThrows(DomainException.class,
                () -> ConsoleAdmission.admitLive(false)).code());
        ConsoleAdmission.admitLive(true);
    }

    @Test
    void aConsoleIsIdleOnlyOnceTheTimeoutPassedWithoutTraffic() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ConsoleIdleness idle = new ConsoleIdleness(Duration.ofMinutes(10), t0);
        assertFalse(idle.idleAt(t0.plusSeconds(599)));
        idle.touch(t0.plusSeconds(300));
        assertFalse(idle.idleAt(t0.plusSeconds(899)));
        assertTrue(idle.idleAt(t0.plusSeconds(900)));
        idle.touch(t0);
        assertTrue(idle.idleAt(t0.plusSeconds(900)), "an older touch does not move the clock back");
        assertThrows(IllegalArgumentException.class, () -> new ConsoleIdleness(Duration.ZERO, t0));
    }

    @Test
    void urlsUseTheFrontEndsPublicHostSchemeAndPort() {
        ConsoleToken t = ConsoleToken.generate();
        VncController plain = VncController.create("a", "10.0.0.5", 8080, null, ConsoleProtocol.HTTP, true,
                Instant.EPOCH);
        assertEquals("http://10.0.0.5:8080/console/index.html?hostId=7&token=" + t.reveal(), ConsoleUrl.of(plain, 7, t));
        VncController tls = VncController.create("b", "10.0.0.5", 443, "console.example.com", ConsoleProtocol.HTTPS,
                true, Instant.EPOCH);
        assertEquals("https://console.example.com/console/index.html?hostId=7&token=" + t.reveal(),
                ConsoleUrl.of(tls, 7, t));
        VncController v6 = VncController.create("c", "2001:db8::1", 8443, null, ConsoleProtocol.HTTPS, true,
                Instant.EPOCH);
        assertTrue(ConsoleUrl.of(v6, 7, t).startsWith("https://[2001:db8::1]:8443/console/"));
        assertEquals("https://x.example/console/index.html?hostId=7&token=" + t.reveal(),
                ConsoleUrl.of(java.net.URI.create("https://x.example/"), 7, t));
    }
}
