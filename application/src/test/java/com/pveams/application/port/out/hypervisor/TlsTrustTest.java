package com.pveams.application.port.out.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsTrustTest {

    static final String FINGERPRINT = "AB:CD:" + "00:".repeat(29) + "EF";

    @Test
    void theModesAreExactlyThoseOfTheNodeTable() {
        // node.tls_trust_mode IN ('PINNED', 'CA'): there is no trust-anything mode to store or configure
        assertEquals(List.of("CA", "PINNED"), Arrays.stream(TlsTrust.Mode.values()).map(Enum::name).sorted().toList());
        assertThrows(IllegalArgumentException.class, () -> TlsTrust.Mode.valueOf("INSECURE"));
        assertThrows(IllegalArgumentException.class, () -> TlsTrust.Mode.valueOf("SYSTEM"));
    }

    @Test
    void pinnedNeedsAFingerprintAndCaHasNone() {
        assertEquals(FINGERPRINT, TlsTrust.pinned(FINGERPRINT.toLowerCase().replace(":", "")).sha256Fingerprint());
        assertThrows(NullPointerException.class, () -> TlsTrust.pinned(null));
        assertThrows(IllegalArgumentException.class, () -> TlsTrust.pinned("AB:CD"));
        assertThrows(IllegalArgumentException.class, () -> TlsTrust.pinned("ZZ".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> new TlsTrust(TlsTrust.Mode.CA, FINGERPRINT));
        assertEquals(new TlsTrust(TlsTrust.Mode.CA, null), TlsTrust.ca());
    }

    @Test
    void trustOnFirstUseGivesCaOrAPinNeverAcceptAnything() {
        CertificateProbe publicCa = new CertificateProbe(FINGERPRINT, true, "CN=pve1", "CN=Some CA", Instant.EPOCH);
        CertificateProbe selfSigned = new CertificateProbe(FINGERPRINT, false, "CN=pve1", "CN=pve1", Instant.EPOCH);
        assertEquals(TlsTrust.ca(), publicCa.trustOnFirstUse(null));
        assertEquals(TlsTrust.pinned(FINGERPRINT), selfSigned.trustOnFirstUse(" "));
        assertEquals(TlsTrust.pinned(FINGERPRINT), publicCa.trustOnFirstUse(FINGERPRINT),
                "an operator's fingerprint pins even a CA-signed certificate");
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> selfSigned.trustOnFirstUse("00".repeat(32)));
        assertEquals(HypervisorException.Kind.TLS_MISMATCH, e.kind());
    }
}
