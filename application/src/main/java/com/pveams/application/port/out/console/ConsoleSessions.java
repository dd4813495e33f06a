package com.pveams.application.port.out.console;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** {@code vm_console_session}: token hashes, their expiry and their single use. */
public interface ConsoleSessions {

    /** Revokes the VM's active session (if any) and stores a new one; one active session per VM. */
    void replace(long vmId, String tokenHash, Instant now, Instant expiresAt, String requestedBy);

    /**
     * Marks the session opened if its token is active, unused, unexpired and for this VM: atomically, so a token
     * opens at most one console.
     */
    Optional<Claimed> claim(long vmId, String tokenHash, Instant now);

    /** Records the end of an opened session. */
    void closed(long sessionId, Instant now);

    /** Per VM of {@code vmIds}, the newest session opened and not closed (VMs without one are left out). */
    Map<Long, Long> newestOpen(Collection<Long> vmIds);

    /** Revokes the VM's active session; true when there was one. */
    boolean revokeActive(long vmId);

    record Claimed(long sessionId, long vmId, String requestedBy) {
    }
}
