package com.pveams.application.service.console;

import com.pveams.application.port.out.console.ConsoleOpenings;
import com.pveams.application.port.out.console.ConsoleSessions;
import com.pveams.application.port.out.console.ConsoleSessions.Claimed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The console's database work, each its own short transaction (never held while PVE is asked). */
@Singleton
public class ConsoleSessionTransactions {
    private final ConsoleSessions sessions;
    private final ConsoleOpenings openings;

    @Inject
    public ConsoleSessionTransactions(ConsoleSessions sessions, ConsoleOpenings openings) {
        this.sessions = sessions;
        this.openings = openings;
    }

    @Transactional
    public void replace(long vmId, String tokenHash, Instant now, Instant expiresAt, String requestedBy) {
        sessions.replace(vmId, tokenHash, now, expiresAt, requestedBy);
    }

    @Transactional
    public Optional<Claimed> claim(long vmId, String tokenHash, Instant now) {
        return sessions.claim(vmId, tokenHash, now);
    }

    @Transactional
    public void closed(long sessionId, Instant now) {
        sessions.closed(sessionId, now);
    }

    @Transactional
    public boolean revokeActive(long vmId) {
        return sessions.revokeActive(vmId);
    }

    @Transactional
    public Map<Long, Long> newestOpen(Collection<Long> vmIds) {
        return vmIds.isEmpty() ? Map.of() : sessions.newestOpen(vmIds);
    }

    /** Tells every replica (at commit) that the session's console is open. */
    @Transactional
    public void announceOpened(long vmId, long sessionId) {
        openings.announce(vmId, sessionId);
    }
}
