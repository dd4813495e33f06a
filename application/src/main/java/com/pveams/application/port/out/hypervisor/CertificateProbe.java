package com.pveams.application.port.out.hypervisor;

import java.time.Instant;

/**
 * What a node presented on a TLS handshake: the leaf certificate's SHA-256 fingerprint (upper-case colon hex, as PVE
 * shows it), whether the JVM's system trust store accepts it for this host, subject and expiry. Used at node
 * registration for trust on first use: show the fingerprint to the operator and pin it.
 */
public record CertificateProbe(String sha256Fingerprint, boolean trustedBySystem, String subject, String issuer,
                               Instant notAfter) {

    /** The trust to store for the node: CA if the system trust store accepts it, else the seen fingerprint. */
    public TlsTrust suggestedTrust() {
        return trustedBySystem ? TlsTrust.ca() : TlsTrust.pinned(sha256Fingerprint);
    }

    /**
     * Trust on first use at node registration. If the operator supplied the expected fingerprint, it must match what
     * the node presented (else {@link HypervisorException.Kind#TLS_MISMATCH}) and is pinned. Otherwise: CA trust when
     * the system trust store accepts the certificate, else the fingerprint seen now is pinned.
     */
    public TlsTrust trustOnFirstUse(String operatorFingerprint) {
        if (operatorFingerprint != null && !operatorFingerprint.isBlank()) {
            String expected = TlsTrust.normalize(operatorFingerprint);
            if (!expected.equals(sha256Fingerprint)) {
                throw new HypervisorException(HypervisorException.Kind.TLS_MISMATCH,
                        "node presented certificate " + sha256Fingerprint + " but the operator expected " + expected);
            }
            return TlsTrust.pinned(expected);
        }
        return suggestedTrust();
    }
}
