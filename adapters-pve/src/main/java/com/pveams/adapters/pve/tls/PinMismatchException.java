package com.pveams.adapters.pve.tls;

import java.security.cert.CertificateException;

/** The node's certificate is not the pinned one. Carries both fingerprints (not secret). */
public final class PinMismatchException extends CertificateException {
    private final String expected;
    private final String actual;

    public PinMismatchException(String expected, String actual) {
        super("certificate fingerprint " + actual + " does not match pinned " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
