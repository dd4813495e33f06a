package com.pveams.application.service.node;

import com.pveams.application.config.NodeCachePolicy;
import com.pveams.application.port.out.node.NodeChangeFeed;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.domain.node.NodeState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the node access cache keeps, for how long, and what drops it. */
class NodeAccessCacheTest {
    private final HandClock clock = new HandClock();
    private final Map<Long, NodeState> rows = new HashMap<>();
    /** Each load's ids, in order: a hit loads nothing. */
    private final List<Set<Long>> loads = new ArrayList<>();
    private NodeChangeFeed.Listener feed;
    private NodeAccessCache cache;

    @BeforeEach
    void setUp() {
        cache = cache(new NodeCachePolicy(Duration.ofSeconds(60), 3));
        feed.connected();
        rows.put(1L, NodeState.ONLINE);
        rows.put(2L, NodeState.ONLINE);
    }

    private NodeAccessCache cache(NodeCachePolicy policy) {
        return new NodeAccessCache(clock, policy, l -> feed = l);
    }

    private Map<Long, NodeAccess> get(Long... ids) {
        return cache.getAll(List.of(ids), this::load);
    }

    private Map<Long, NodeAccess> load(Set<Long> ids) {
        loads.add(Set.copyOf(ids));
        Map<Long, NodeAccess> out = new HashMap<>();
        for (Long id : ids) {
            NodeState state = rows.get(id);
            if (state != null) {
                out.put(id, new NodeAccess(id, "n" + id, state, Optional.empty(), Optional.empty(), "node:" + id));
            }
        }
        return out;
    }

    @Test
    void aSecondReadIsServedFromMemoryAndOnlyTheMissingNodesAreRead() {
        assertEquals(Set.of(1L, 2L), get(1L, 2L).keySet());
        rows.put(1L, NodeState.OFFLINE); // written behind the cache's back: nobody announced it
        assertEquals(NodeState.ONLINE, get(1L).get(1L).state(), "a hit");
        rows.put(3L, NodeState.ONLINE);
        assertEquals(Set.of(1L, 2L, 3L), get(1L, 2L, 3L).keySet());
        assertEquals(List.of(Set.of(1L, 2L), Set.of(3L)), loads);
    }

    @Test
    void aChangedNodeIsReadAgainAtOnceAndTheOthersStay() {
        get(1L, 2L);
        rows.put(1L, NodeState.DISABLED);
        feed.nodeChanged(1);
        assertEquals(NodeState.DISABLED, get(1L, 2L).get(1L).state());
        assertEquals(List.of(Set.of(1L, 2L), Set.of(1L)), loads);
    }

    @Test
    void aDeletedNodeIsGoneAndUnknownIdsAreNeverKept() {
        get(1L, 2L, 9L);
        rows.remove(2L);
        feed.nodeChanged(2);
        assertEquals(Set.of(1L), get(1L, 2L, 9L).keySet());
        assertEquals(List.of(Set.of(1L, 2L, 9L), Set.of(2L, 9L)), loads);
        assertEquals(1, cache.size());
    }

    @Test
    void entriesExpireAfterTheSafetyLifetime() {
        get(1L);
        clock.advance(Duration.ofSeconds(59));
        get(1L);
        assertEquals(1, loads.size(), "still within its lifetime");
        clock.advance(Duration.ofSeconds(1));
        get(1L);
        assertEquals(2, loads.size(), "read again once its lifetime is over");
    }

    @Test
    void aReconnectedFeedDropsEverythingAndADisconnectedOneKeepsNothing() {
        get(1L, 2L);
        feed.connected(); // the listener reconnected: changes in between may have been missed
        get(1L, 2L);
        assertEquals(2, loads.size());
        feed.disconnected();
        assertEquals(0, cache.size());
        get(1L);
        get(1L);
        assertEquals(4, loads.size(), "nothing kept while changes cannot be heard");
        feed.everythingChanged();
        feed.connected();
        get(1L);
        get(1L);
        assertEquals(5, loads.size());
    }

    @Test
    void aReadOverlappingAChangeIsNotKept() {
        Map<Long, NodeAccess> seen = cache.getAll(List.of(1L), ids -> {
            Map<Long, NodeAccess> old = load(ids); // read before the change committed…
            rows.put(1L, NodeState.OFFLINE);
            feed.nodeChanged(1); // …whose invalidation passes before the read is stored
            return old;
        });
        assertEquals(NodeState.ONLINE, seen.get(1L).state(), "the caller gets what it read");
        assertEquals(NodeState.OFFLINE, get(1L).get(1L).state(), "but the next read does not");
    }

    @Test
    void theSizeIsBoundedAndAZeroLifetimeTurnsItOff() {
        for (long id = 1; id <= 5; id++) {
            rows.put(id, NodeState.ONLINE);
        }
        get(1L, 2L, 3L, 4L, 5L);
        assertEquals(3, cache.size());
        clock.advance(Duration.ofSeconds(61));
        get(4L, 5L);
        assertEquals(2, cache.size(), "expired entries make room");

        NodeAccessCache off = cache(new NodeCachePolicy(Duration.ZERO, 3));
        feed.connected();
        off.getAll(List.of(1L), this::load);
        off.getAll(List.of(1L), this::load);
        assertEquals(0, off.size());
        assertTrue(loads.size() >= 4);
        assertEquals(Set.of(1L), loads.get(loads.size() - 1));
        assertEquals(Set.of(1L), loads.get(loads.size() - 2));
    }

    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
            throw new UnsupportedOperationException();
        }
    }
}
