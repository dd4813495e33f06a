package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostNameTest {

    @ParameterizedTest
    @CsvSource({
            "192.168.36.155, 192.168.36.155",
            "' console.example.com ', console.example.com",
            "localhost, localhost",
            "a-b.c0.example, a-b.c0.example",
            "2001:db8::1, 2001:db8::1",
            "[2001:db8::1], 2001:db8::1",
            "::1, ::1",
            "::, ::",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "fe80::, fe80::"})
    void acceptsHostNamesAndAddresses(String input, String stored) {
        assertEquals(stored, HostName.require("host", input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://console.example.com", "console.example.com/vnc", "console.example.com:6080",
            "user@host", "two words", "-bad.example", "bad-.example", "bad..example", "1.2.3.999", "01.2.3.4",
            "1.2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", "1.2.3.4::", "[::1", "gggg::1", "exa_mple.com",
            "host?x", "host#x", "a\u0000b"})
    void refusesAnythingButABareHostNamingTheField(String input) {
        DomainException e = assertThrows(DomainException.class, () -> HostName.require("host", input));
        assertEquals("host", e.field().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsRequiredOrAbsent(String input) {
        assertEquals("domain", assertThrows(DomainException.class, () -> HostName.require("domain", input)).field().orElseThrow());
        assertEquals(null, HostName.optional("domain", input));
    }

    @org.junit.jupiter.api.Test
    void overlongNamesAreRefused() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label); // 255 characters
        assertThrows(DomainException.class, () -> HostName.require("host", name));
        assertThrows(DomainException.class, () -> HostName.require("host", "a".repeat(64) + ".example"));
    }
}
