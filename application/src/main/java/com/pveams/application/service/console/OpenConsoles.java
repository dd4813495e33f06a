package com.pveams.application.service.console;

import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.out.console.ConsoleOpenings;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.console.ConsoleIdleness;
import com.pveams.domain.console.ConsoleLifetime;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The consoles open on this replica, at most one per VM across the replicas: of a VM's consoles the one with the
 * newest session wins, here at once and on the other replicas when they hear this one's announcement. Each close
 * (either side, idle, lifetime over, replaced) happens once: both sides are closed, the session row gets its end,
 * and the audit log its close row with the reason and the duration.
 */
@Singleton
public class OpenConsoles {
    static final String PATH = "/console/websockify";
    private static final System.Logger LOG = System.getLogger(OpenConsoles.class.getName());

    static final String REPLACED = "replaced by a newer console";
    static final String LIFETIME_OVER = "console lifetime over";

    private final Map<Long, Console> byVm = new ConcurrentHashMap<>();
    // Per VM, the newest session known to have opened anywhere: a console registered after a newer one's
    // announcement was heard is already replaced. One entry per VM that ever had a console.
    private final Map<Long, Long> newestOpened = new ConcurrentHashMap<>();
    private final ConsoleSessionTransactions sessions;
    private final RecordAuditUseCase audit;
    private final Clock clock;

    @Inject
    public OpenConsoles(ConsoleSessionTransactions sessions, ConsoleOpenings openings, RecordAuditUseCase audit,
                        Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        openings.subscribe(new ConsoleOpenings.Listener() {
            @Override
            public void opened(long vmId, long sessionId) {
                openedSomewhere(vmId, sessionId);
            }

            @Override
            public void mayHaveMissedSome() {
                catchUp();
            }
        });
    }

    /** A console being opened; {@link #register} makes it the VM's console. */
    Console prepare(long sessionId, long vmId, int vmid, String requestedBy, String clientAddress,
                    Duration idleTimeout, Duration lifetime, ConsoleEnd viewer) {
        Instant now = clock.instant();
        return new Console(sessionId, vmId, vmid, requestedBy, clientAddress, now,
                new ConsoleIdleness(idleTimeout, now), new ConsoleLifetime(now, lifetime), viewer);
    }

    /**
     * Makes {@code c} the VM's console, closing the one it replaces, and tells the other replicas so they close
     * theirs. A console whose session is older than one already opened for the VM is closed at once.
     */
    void register(Console c) {
        Console previous = null;
        boolean stale;
        synchronized (this) {
            stale = newestOpened.merge(c.vmId, c.sessionId, Math::max) != c.sessionId;
            if (!stale) {
                previous = byVm.put(c.vmId, c);
            }
        }
        record(c, "console opened", 0);
        if (stale) {
            c.close(REPLACED);
            return;
        }
        if (previous != null) {
            previous.close(REPLACED);
        }
        try {
            sessions.announceOpened(c.vmId, c.sessionId);
        } catch (RuntimeException e) {
            // the console still replaced this replica's one; other replicas keep theirs until idle or closed
            LOG.log(System.Logger.Level.WARNING, "console of VM " + c.vmId + ": opening not announced", e);
        }
    }

    /** Another replica (or this one, hearing itself) opened session {@code sessionId} for the VM. */
    void openedSomewhere(long vmId, long sessionId) {
        Console c;
        synchronized (this) {
            newestOpened.merge(vmId, sessionId, Math::max);
            c = byVm.get(vmId);
        }
        if (c != null && c.sessionId < sessionId) {
            c.close(REPLACED);
        }
    }

    /** After announcements may have been missed: the database tells which VMs have a newer open console. */
    void catchUp() {
        Map<Long, Long> newest;
        try {
            newest = sessions.newestOpen(List.copyOf(byVm.keySet()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "consoles opened elsewhere not looked up", e);
            return;
        }
        newest.forEach(this::openedSomewhere);
    }

    /** Closes the consoles that are idle or whose lifetime is over; returns how many. */
    int closeEnded() {
        Instant now = clock.instant();
        int closed = 0;
        for (Console c : List.copyOf(byVm.values())) {
            if (c.lifetime.endedAt(now)) {
                c.close(LIFETIME_OVER);
                closed++;
            } else if (c.idleness.idleAt(now)) {
                c.close("idle");
                closed++;
            }
        }
        return closed;
    }

    /** Closes the VM's open console, if any, on this replica. */
    boolean closeVm(long vmId, String reason) {
        Console c = byVm.get(vmId);
        if (c == null) {
            return false;
        }
        c.close(reason);
        return true;
    }

    int count() {
        return byVm.size();
    }

    private void record(Console c, String what, long durationMs) {
        AuditEntry.ActorType type = c.requestedBy == null ? AuditEntry.ActorType.ANONYMOUS
                : c.requestedBy.startsWith("admin:") ? AuditEntry.ActorType.ADMIN
                : c.requestedBy.startsWith("api:") ? AuditEntry.ActorType.API_KEY : AuditEntry.ActorType.ANONYMOUS;
        try {
            audit.record(new AuditEntry(null, clock.instant(), AuditEntry.LogType.API, type, c.requestedBy, "WS",
                    PATH, c.clientAddress, null, 200, 20000, true, durationMs,
                    what + ": hostId=" + c.vmId + ", vmid=" + c.vmid + ", session=" + c.sessionId, null));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "console audit row not written for VM " + c.vmId, e);
        }
    }

    /** One open console; the ends it hands out record activity for the idle timeout. */
    final class Console {
        final long sessionId;
        final long vmId;
        final int vmid;
        final String requestedBy;
        final String clientAddress;
        final Instant openedAt;
        final ConsoleIdleness idleness;
        final ConsoleLifetime lifetime;
        final ConsoleEnd viewer;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile ConsoleEnd pve;
        private volatile String closeReason;

        Console(long sessionId, long vmId, int vmid, String requestedBy, String clientAddress, Instant openedAt,
                ConsoleIdleness idleness, ConsoleLifetime lifetime, ConsoleEnd viewer) {
            this.sessionId = sessionId;
            this.vmId = vmId;
            this.vmid = vmid;
            this.requestedBy = requestedBy;
            this.clientAddress = clientAddress;
            this.openedAt = openedAt;
            this.idleness = idleness;
            this.lifetime = lifetime;
            this.viewer = viewer;
        }

        void attach(ConsoleEnd pveEnd) {
            this.pve = pveEnd;
        }

        /** The viewer's side as PVE's relay sees it: frames towards the viewer count as activity. */
        ConsoleEnd towardsViewer() {
            return new Tracked(viewer);
        }

        /** PVE's side as the viewer's adapter sees it: frames towards PVE count as activity. */
        ConsoleEnd towardsPve() {
            return new Tracked(new ConsoleEnd() {
                @Override
                public CompletionStage<Void> send(ByteBuffer data) {
                    return pve.send(data);
                }

                @Override
                public void close(String reason) {
                    Console.this.close(reason);
                }
            });
        }

        void close(String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            closeReason = reason;
            byVm.remove(vmId, this);
            ConsoleEnd p = pve;
            if (p != null) {
                p.close(reason);
            }
            viewer.close(reason);
            Instant now = clock.instant();
            try {
                sessions.closed(sessionId, now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "console session " + sessionId + " end not stored", e);
            }
            record(this, "console closed (" + reason + ")", Duration.between(openedAt, now).toMillis());
        }

        boolean isClosed() {
            return closed.get();
        }

        String closeReason() {
            return closeReason;
        }

        private final class Tracked implements ConsoleEnd {
            private final ConsoleEnd inner;

            Tracked(ConsoleEnd inner) {
                this.inner = inner;
            }

            @Override
            public CompletionStage<Void> send(ByteBuffer data) {
                idleness.touch(clock.instant());
                return inner.send(data);
            }

            @Override
            public void close(String reason) {
                Console.this.close(reason);
            }
        }
    }
}
