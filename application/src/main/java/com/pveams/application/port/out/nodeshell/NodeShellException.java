package com.pveams.application.port.out.nodeshell;

import java.util.Objects;
import java.util.Optional;

/**
 * A node shell operation failed. The message is meant for operators: it never contains credentials.
 */
public class NodeShellException extends RuntimeException {

    public enum Kind {
        /** The node presented a host key other than the pinned one. Not retryable: an operator must look. */
        HOST_KEY_MISMATCH(false),
        /** The node refused the credentials. */
        AUTH(false),
        /** No SSH connection could be made (DNS, refused, no route, connect timeout, dropped connection). */
        UNREACHABLE(true),
        /** The command ran longer than allowed; it was stopped on the node (SIGTERM, then SIGKILL). */
        TIMEOUT(true),
        /** The command ran and reported failure; see {@link #result()}. */
        COMMAND_FAILED(false),
        /**
         * The download URL is not allowed (scheme, credentials in it, an odd or numeric host, a private/loopback/
         * link-local target), or the download connected to another address than the checked one.
         */
        REFUSED_URL(false),
        /** The file name leaves the image directory (.., absolute path elsewhere, symlink pointing out). */
        REFUSED_PATH(false),
        /** The downloaded file's digest differs from the expected one; the file was removed. */
        CHECKSUM_MISMATCH(false),
        /** The named image file does not exist on the node. */
        NOT_FOUND(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying the same operation again later may succeed without anyone changing anything. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final transient CommandResult result;

    public NodeShellException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public NodeShellException(Kind kind, String message, CommandResult result, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.result = result;
    }

    public Kind kind() {
        return kind;
    }

    /** The failed command's exit status and output, for COMMAND_FAILED. */
    public Optional<CommandResult> result() {
        return Optional.ofNullable(result);
    }
}
