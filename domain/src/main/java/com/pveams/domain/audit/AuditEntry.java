package com.pveams.domain.audit;

import java.time.Instant;

/**
 * One mutating call as the audit log keeps it: who did what, when, and how it ended.
 * {@code detail} is already free of secrets when it gets here.
 */
public record AuditEntry(String requestId, Instant occurredAt, ActorType actorType, String actor, String method,
                         String path, String clientAddress, int httpStatus, int resultCode, boolean success,
                         long durationMs, String detail) {

    public enum ActorType { ADMIN, API_KEY, ANONYMOUS }

    public static final int MAX_DETAIL = 4096;

    public AuditEntry {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
        if (path != null && path.length() > 512) {
            path = path.substring(0, 512);
        }
    }
}
