package com.pveams.domain.audit;

import java.time.Instant;

/**
 * One mutating call as the audit log keeps it: who did what, when, and how it ended.
 * {@code detail} (the request's query and body) and {@code responseBody} are already free of secrets when they
 * get here. Every free-text value is cut to the size of its column here, so an oversized or odd value from a
 * caller can never make the row fail to be written.
 */
public record AuditEntry(String requestId, Instant occurredAt, LogType logType, ActorType actorType, String actor,
                         String method, String path, String clientAddress, String userAgent, int httpStatus,
                         int resultCode, boolean success, long durationMs, String detail, String responseBody) {

    public enum ActorType { ADMIN, API_KEY, ANONYMOUS }

    /** The legacy log types: a login attempt, or any other call. */
    public enum LogType {
        API, LOGIN;

        /** The admin login endpoint is the only one whose calls are login attempts. */
        public static LogType ofPath(String path) {
            return path != null && path.endsWith("/loginDo") ? LOGIN : API;
        }
    }

    /** The legacy severity of a call, derived from how it ended; nothing else decides it. */
    public enum Level {
        INFO, WARN, ERROR;

        /** ERROR when the server failed (HTTP ≥ 500), WARN for any other refusal or failure, else INFO. */
        public static Level of(int httpStatus, boolean success) {
            if (httpStatus >= 500) {
                return ERROR;
            }
            return httpStatus >= 400 || !success ? WARN : INFO;
        }
    }

    // Column sizes of audit_log (V1, V5); lengths count code points, as PostgreSQL's VARCHAR(n) does.
    public static final int MAX_REQUEST_ID = 64;
    public static final int MAX_ACTOR = 128;
    public static final int MAX_METHOD = 10;
    public static final int MAX_PATH = 512;
    public static final int MAX_CLIENT_ADDRESS = 64;
    public static final int MAX_USER_AGENT = 256;
    public static final int MAX_DETAIL = 4096;
    public static final int MAX_RESPONSE_BODY = 4096;

    public AuditEntry {
        if (occurredAt == null || logType == null || actorType == null) {
            throw new IllegalArgumentException("an audit entry needs a time, a log type and an actor type");
        }
        requestId = fit(requestId, MAX_REQUEST_ID);
        actor = fit(actor, MAX_ACTOR);
        method = fit(method == null ? "" : method, MAX_METHOD);
        path = fit(path == null ? "" : path, MAX_PATH);
        clientAddress = fit(clientAddress, MAX_CLIENT_ADDRESS);
        userAgent = fit(userAgent, MAX_USER_AGENT);
        detail = fit(detail, MAX_DETAIL);
        responseBody = fit(responseBody, MAX_RESPONSE_BODY);
    }

    public Level level() {
        return Level.of(httpStatus, success);
    }

    /**
     * At most {@code max} code points, never ending in half a surrogate pair. PostgreSQL refuses the NUL
     * character in text, so it becomes U+FFFD instead of failing the insert.
     */
    static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        String s = value.indexOf('\0') >= 0 ? value.replace('\0', '\uFFFD') : value;
        if (s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }
}
