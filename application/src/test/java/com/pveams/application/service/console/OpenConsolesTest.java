package com.pveams.application.service.console;

import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.out.console.ConsoleOpenings;
import com.pveams.application.port.out.console.ConsoleSessions;
import com.pveams.domain.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry of open consoles: the lifetime bound (hand-moved clock) and "one console per VM" across replicas,
 * two registries sharing one announcement bus as replicas share the database's NOTIFY.
 */
class OpenConsolesTest {
    private static final Duration IDLE = Duration.ofMinutes(15);
    private static final Duration LIFETIME = Duration.ofMinutes(20);

    private final HandClock clock = new HandClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final Bus bus = new Bus();
    private final Sessions sessions = new Sessions();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();

    private OpenConsoles replica() {
        RecordAuditUseCase recorder = audit::add;
        return new OpenConsoles(new ConsoleSessionTransactions(sessions, bus), bus, recorder, clock);
    }

    private OpenConsoles.Console open(OpenConsoles replica, long sessionId, long vmId, End viewer, End pve) {
        OpenConsoles.Console c = replica.prepare(sessionId, vmId, 100, "admin:admin", "192.0.2.1", IDLE, LIFETIME,
                viewer);
        c.attach(pve);
        replica.register(c);
        return c;
    }

    @Test
    void anActiveConsoleIsClosedWhenItsLifetimeIsOverButNotBefore() {
        OpenConsoles replica = replica();
        End viewer = new End();
        End pve = new End();
        OpenConsoles.Console c = open(replica, 1, 5, viewer, pve);

        clock.advance(Duration.ofMinutes(10));
        c.towardsPve().send(ByteBuffer.wrap(new byte[]{1}));
        assertEquals(0, replica.closeEnded(), "active and within its lifetime");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        c.towardsViewer().send(ByteBuffer.wrap(new byte[]{2}));
        assertEquals(0, replica.closeEnded(), "one second left");
        assertEquals(1, replica.count());
        assertNull(viewer.reason);

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, replica.closeEnded());
        assertEquals(OpenConsoles.LIFETIME_OVER, viewer.reason);
        assertEquals(OpenConsoles.LIFETIME_OVER, pve.reason);
        assertEquals(0, replica.count());
        assertEquals(List.of(1L), sessions.closed);
        AuditEntry closeRow = audit.get(audit.size() - 1);
        assertTrue(closeRow.detail().startsWith("console closed (console lifetime over): hostId=5,"),
                closeRow.detail());
        assertEquals(LIFETIME.toMillis(), closeRow.durationMs());
        assertEquals(0, replica.closeEnded(), "closed once");
    }

    @Test
    void anIdleConsoleIsStillClosedByTheIdleTimeout() {
        OpenConsoles replica = replica();
        End viewer = new End();
        open(replica, 1, 5, viewer, new End());
        clock.advance(IDLE);
        assertEquals(1, replica.closeEnded());
        assertEquals("idle", viewer.reason);
    }

    @Test
    void anOpeningOnAnotherReplicaClosesTheOlderConsoleThereAndNotItself() {
        OpenConsoles a = replica();
        OpenConsoles b = replica();
        End first = new End();
        End other = new End();
        open(a, 1, 5, first, new End());
        open(a, 2, 6, other, new End());

        End second = new End();
        open(b, 3, 5, second, new End());
        assertEquals(OpenConsoles.REPLACED, first.reason);
        assertEquals(1, a.count(), "VM 6's console stays");
        assertNull(other.reason);
        assertNull(second.reason, "a replica hearing its own announcement keeps its console");
        assertEquals(1, b.count());
        assertEquals(List.of(1L), sessions.closed);
        assertEquals(List.of("5:1", "6:2", "5:3"), bus.sent);

        End third = new End();
        open(a, 4, 5, third, new End());
        assertEquals(OpenConsoles.REPLACED, second.reason, "and back the other way");
        assertNull(third.reason);
    }

    @Test
    void aConsoleRegisteredAfterANewerOneWasHeardIsClosedAtOnce() {
        OpenConsoles a = replica();
        OpenConsoles b = replica();
        End newer = new End();
        open(a, 8, 5, newer, new End());
        End older = new End();
        open(b, 7, 5, older, new End());
        assertEquals(OpenConsoles.REPLACED, older.reason);
        assertNull(newer.reason);
        assertEquals(0, b.count());
        assertEquals(List.of("5:8"), bus.sent, "a replaced console is not announced");
    }

    @Test
    void afterListeningAgainTheDatabaseTellsWhichConsolesWereReplacedMeanwhile() {
        OpenConsoles a = replica();
        End five = new End();
        End six = new End();
        open(a, 1, 5, five, new End());
        open(a, 2, 6, six, new End());
        sessions.newestOpen.put(5L, 3L); // opened on a replica while this one's listener was away
        sessions.newestOpen.put(6L, 2L);
        bus.listeningAgain();
        assertEquals(OpenConsoles.REPLACED, five.reason);
        assertNull(six.reason, "its own session is the newest");
        assertEquals(1, a.count());
        assertEquals(List.of(List.of(5L, 6L)), sessions.asked.stream().map(l -> l.stream().sorted().toList()).toList());
    }

    /** NOTIFY as every replica hears it: delivered to every subscriber, the announcing one included. */
    private static final class Bus implements ConsoleOpenings {
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        final List<String> sent = new ArrayList<>();

        @Override
        public void announce(long vmId, long sessionId) {
            sent.add(vmId + ":" + sessionId);
            listeners.forEach(l -> l.opened(vmId, sessionId));
        }

        @Override
        public void subscribe(Listener listener) {
            listeners.add(listener);
        }

        void listeningAgain() {
            listeners.forEach(Listener::mayHaveMissedSome);
        }
    }

    private static final class Sessions implements ConsoleSessions {
        final List<Long> closed = new CopyOnWriteArrayList<>();
        final Map<Long, Long> newestOpen = new HashMap<>();
        final List<List<Long>> asked = new ArrayList<>();

        @Override
        public Map<Long, Long> newestOpen(Collection<Long> vmIds) {
            asked.add(List.copyOf(vmIds));
            Map<Long, Long> answer = new HashMap<>(newestOpen);
            answer.keySet().retainAll(vmIds);
            return answer;
        }

        @Override
        public void replace(long vmId, String tokenHash, Instant now, Instant expiresAt, String requestedBy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Claimed> claim(long vmId, String tokenHash, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void closed(long sessionId, Instant now) {
            closed.add(sessionId);
        }

        @Override
        public boolean revokeActive(long vmId) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class End implements ConsoleEnd {
        volatile String reason;

        @Override
        public CompletionStage<Void> send(ByteBuffer data) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(String reason) {
            if (this.reason == null) {
                this.reason = reason;
            }
        }
    }

    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
