package com.pveams.application.port.out.hypervisor;

import java.util.Objects;
import java.util.Optional;

/**
 * A typed failure of a hypervisor call. {@link #kind()} tells the caller what to do (fix input, re-pin, retry later,
 * give up); {@link #parameter()} names the offending PVE parameter for {@link Kind#VALIDATION}.
 * Messages never contain credentials.
 */
public class HypervisorException extends RuntimeException {

    public enum Kind {
        /** PVE rejected a parameter (HTTP 400 with {@code errors}). Not retryable. */
        VALIDATION(false),
        /** Login failed or the credentials are no longer valid. */
        AUTH(false),
        /** Authenticated, but not allowed (HTTP 403, or "only root can set ..."). */
        PERMISSION(false),
        /** VM, storage, snapshot or task does not exist. */
        NOT_FOUND(false),
        /** Conflicts with current state: VM id already exists, config lock timeout, VM running/stopped. */
        CONFLICT(true),
        /** Server-side failure (5xx) that may succeed on a later try. */
        RETRYABLE(true),
        /** Connection refused, DNS failure, connect/read timeout. */
        UNREACHABLE(true),
        /** The node presented a certificate that does not match the pinned fingerprint / is not trusted. */
        TLS_MISMATCH(false),
        /** Waiting (for a task, a queue slot) took longer than allowed. */
        TIMEOUT(true),
        /**
         * A PVE task finished with an error exit status: not retryable, except the lock contention {@link TaskExit}
         * names (see {@link HypervisorException#retryable()}).
         */
        TASK_FAILED(false),
        /** The answer did not look like PVE (unexpected status or body). */
        PROTOCOL(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** What kind of {@link Kind#CONFLICT} it is; callers react differently. */
    public enum Conflict {
        /** Not a conflict. */
        NONE,
        /** The VM id (or object) already exists, e.g. taken by a concurrent create: choose another id. */
        ALREADY_EXISTS,
        /** A config/storage lock could not be taken in time ("can't lock file … got timeout"): try again later. */
        LOCK_TIMEOUT,
        /** The VM is in the wrong state for this (running, not running, locked by a task). */
        WRONG_STATE,
        /** The config changed since it was read (digest mismatch): re-read and recompute. */
        MODIFIED
    }

    private final Kind kind;
    private final String parameter;
    private final int httpStatus;
    private final Conflict conflict;
    private final TaskExit taskExit;

    public HypervisorException(Kind kind, String message) {
        this(kind, null, 0, message, null);
    }

    public HypervisorException(Kind kind, String parameter, int httpStatus, String message, Throwable cause) {
        this(kind, Conflict.NONE, parameter, httpStatus, message, cause);
    }

    public HypervisorException(Kind kind, Conflict conflict, String parameter, int httpStatus, String message,
                               Throwable cause) {
        this(kind, conflict, parameter, httpStatus, message, cause, null);
    }

    private HypervisorException(Kind kind, Conflict conflict, String parameter, int httpStatus, String message,
                                Throwable cause, TaskExit taskExit) {
        super(message, cause);
        this.taskExit = taskExit;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.conflict = Objects.requireNonNull(conflict, "conflict");
        this.parameter = parameter;
        this.httpStatus = httpStatus;
        if ((kind == Kind.CONFLICT) != (conflict != Conflict.NONE)) {
            throw new IllegalArgumentException("a conflict reason goes with Kind.CONFLICT only");
        }
    }

    /** A task that stopped with {@code exit} (an error); {@code message} says which task and what its log says. */
    public static HypervisorException taskFailed(TaskExit exit, String message) {
        return new HypervisorException(Kind.TASK_FAILED, Conflict.NONE, null, 0, message, null,
                Objects.requireNonNull(exit, "exit"));
    }

    /** For {@link Kind#TASK_FAILED} made by {@link #taskFailed}: how the task ended. */
    public Optional<TaskExit> taskExit() {
        return Optional.ofNullable(taskExit);
    }

    /** For {@link Kind#CONFLICT}: which conflict; otherwise {@link Conflict#NONE}. */
    public Conflict conflict() {
        return conflict;
    }

    public Kind kind() {
        return kind;
    }

    /** The PVE parameter a VALIDATION failure is about, otherwise {@code null}. */
    public String parameter() {
        return parameter;
    }

    /** HTTP status PVE answered with, 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Worth another try later: by its kind, and for a failed task by {@link TaskExit}'s rule. */
    public boolean retryable() {
        if (kind == Kind.TASK_FAILED && taskExit != null) {
            return taskExit.transientFailure();
        }
        return kind.retryable();
    }

    @Override
    public String toString() {
        return "HypervisorException[" + kind + (conflict != Conflict.NONE ? "/" + conflict : "") + (parameter != null ? "(" + parameter + ")" : "")
                + (httpStatus > 0 ? ", http " + httpStatus : "") + "]: " + getMessage();
    }
}
