package com.pveams.adapters.net;

import java.util.Objects;

/**
 * A download URL (or the connection made for it) that {@link UrlPolicy} refused. The adapters turn it into their own
 * port's failure ({@code NodeShellException} REFUSED_URL, {@code HypervisorException} VALIDATION on {@code url}) and
 * keep this as the cause, so the typed {@link #reason()} stays available to whoever looks.
 */
public final class RefusedUrlException extends RuntimeException {

    /** Why a URL was refused. */
    public enum Reason {
        /** Empty, longer than the limit, or not a URL at all. */
        MALFORMED,
        /** Not {@code http} or {@code https}. */
        SCHEME,
        /** A user-info part ({@code user:password@}), which also hides the real host from a careless reader. */
        USERINFO,
        /** No host, or one that is neither a DNS name nor a plain IP literal (percent-encoding, zone id, "..", ...). */
        HOST,
        /** A numeric host in a form other than a dotted quad (decimal, octal, hex), which resolvers read differently. */
        NUMERIC_HOST,
        /** A port outside 1..65535. */
        PORT,
        /** The host name does not resolve. */
        UNRESOLVABLE,
        /** The host is, or resolves to, a loopback, link-local, private or reserved address. */
        INTERNAL_ADDRESS,
        /** The download connected to an address other than the one that was checked and pinned. */
        ADDRESS_MISMATCH
    }

    private final Reason reason;

    public RefusedUrlException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
