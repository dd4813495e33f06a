package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VncControllerTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static VncController sample() {
        return VncController.create("本地测试", "192.168.36.155", 7600, "console.example.com", ConsoleProtocol.HTTPS, true, T);
    }

    @Test
    void theFrontEndKeepsItsValidatedAddress() {
        VncController c = sample();
        assertEquals("console.example.com", c.publicHost());
        assertEquals(0, c.statusCode());
        VncController bare = VncController.create("n", "[2001:db8::5]", 443, " ", ConsoleProtocol.HTTP, false, T);
        assertEquals("2001:db8::5", bare.host());
        assertNull(bare.domain());
        assertEquals("2001:db8::5", bare.publicHost());
        assertEquals(1, bare.statusCode());
    }

    @Test
    void portMustBeAValidTcpPort() {
        for (Integer bad : new Integer[]{0, -1, 65536}) {
            DomainException e = assertThrows(DomainException.class, () -> VncController.requirePort(bad));
            assertEquals("port", e.field().orElseThrow());
            assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        }
        assertEquals("port", assertThrows(DomainException.class, () -> VncController.requirePort(null)).field().orElseThrow());
        assertEquals(65535, VncController.requirePort(65535));
    }

    @Test
    void protocolAndStatusUseTheLegacyNumbers() {
        assertEquals(ConsoleProtocol.HTTP, ConsoleProtocol.fromCode(0));
        assertEquals(ConsoleProtocol.HTTPS, ConsoleProtocol.fromCode(1));
        assertNull(ConsoleProtocol.fromCode(null));
        assertEquals("protocol", assertThrows(DomainException.class, () -> ConsoleProtocol.fromCode(2)).field().orElseThrow());
        assertTrue(VncController.activeFromStatus(0));
        assertFalse(VncController.activeFromStatus(1));
        assertNull(VncController.activeFromStatus(null));
        assertEquals("status", assertThrows(DomainException.class, () -> VncController.activeFromStatus(3)).field().orElseThrow());
    }

    @Test
    void aPatchChangesOnlyWhatItCarriesAndAnEmptyDomainClearsIt() {
        VncController c = sample();
        c.apply(new VncController.Patch(null, null, 6080, null, null, false));
        assertEquals("本地测试", c.name());
        assertEquals(6080, c.port());
        assertEquals("console.example.com", c.domain());
        assertFalse(c.active());
        c.apply(new VncController.Patch("新名字", "10.0.0.1", null, "", ConsoleProtocol.HTTP, null));
        assertEquals("新名字", c.name());
        assertEquals("10.0.0.1", c.host());
        assertNull(c.domain());
        assertEquals(ConsoleProtocol.HTTP, c.protocol());
    }

    @Test
    void aPatchIsValidatedBeforeAnythingChanges() {
        assertEquals("host", assertThrows(DomainException.class,
                () -> new VncController.Patch(null, "http://x", null, null, null, null)).field().orElseThrow());
        assertEquals("domain", assertThrows(DomainException.class,
                () -> new VncController.Patch(null, null, null, "a/b", null, null)).field().orElseThrow());
        assertEquals("name", assertThrows(DomainException.class,
                () -> new VncController.Patch(" ", null, null, null, null, null)).field().orElseThrow());
        assertEquals("port", assertThrows(DomainException.class,
                () -> new VncController.Patch(null, null, 70000, null, null, null)).field().orElseThrow());
    }

    @Test
    void refusalsCarryTheirCodes() {
        assertEquals(1033, VncController.notFound().code().code());
        assertEquals(20400, VncController.duplicateName().code().code());
        assertEquals("该VNC控制器名称已存在", VncController.duplicateName().render(false));
    }
}
