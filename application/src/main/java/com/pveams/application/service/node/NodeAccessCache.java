package com.pveams.application.service.node;

import com.pveams.application.config.NodeCachePolicy;
import com.pveams.application.port.out.node.NodeChangeFeed;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Node access (endpoints with secrets decrypted) kept in memory, so a VM list page or a power call does not read
 * and decrypt its nodes every time.
 * <ul>
 *   <li>Only existing nodes are kept: an unknown id is read every time, so made-up ids cannot fill memory; at most
 *       the policy's number of nodes is kept (a full cache keeps nothing new until entries expire).</li>
 *   <li>An entry lives at most the policy's lifetime, counted from before its row was read.</li>
 *   <li>Any write to a node row drops its entry: this replica's writes after their commit, every replica's through
 *       the change feed; everything is dropped when the feed (re)connects, and while it is down nothing is kept.</li>
 * </ul>
 */
@Singleton
public class NodeAccessCache implements NodeChangeFeed.Listener {
    private final Clock clock;
    private final NodeCachePolicy policy;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    /**
     * Moves on every invalidation. A read that overlapped one is not kept: it may have read the row before the
     * change was committed, and the change's invalidation may already have passed.
     */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean feedConnected;

    @Inject
    public NodeAccessCache(Clock clock, NodeCachePolicy policy, NodeChangeFeed feed) {
        this.clock = clock;
        this.policy = policy;
        feed.subscribe(this); // last: the feed may call back at once
    }

    /**
     * The nodes among {@code nodeIds} that exist, by id: recent copies from memory, the others through one call of
     * {@code load} (given only the ids it must read; it answers those that exist).
     */
    public Map<Long, NodeAccess> getAll(Collection<Long> nodeIds, Function<Set<Long>, Map<Long, NodeAccess>> load) {
        Instant now = clock.instant();
        Map<Long, NodeAccess> out = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>();
        for (Long id : nodeIds) {
            Entry known = entries.get(id);
            if (known != null && now.isBefore(known.expiresAt)) {
                out.put(id, known.access);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        long seen = generation.get();
        boolean keep = feedConnected && policy.enabled();
        Map<Long, NodeAccess> loaded = load.apply(missing);
        Instant expiresAt = now.plus(policy.ttl());
        for (Long id : missing) {
            NodeAccess access = loaded.get(id);
            if (access == null) {
                entries.remove(id);
                continue;
            }
            out.put(id, access);
            if (keep && room(now)) {
                Entry fresh = new Entry(access, expiresAt);
                entries.put(id, fresh);
                if (generation.get() != seen) {
                    entries.remove(id, fresh);
                }
            }
        }
        return out;
    }

    /** Drops the node's entry; the feed announces this replica's own writes right after their commit. */
    @Override
    public void nodeChanged(long nodeId) {
        generation.incrementAndGet();
        entries.remove(nodeId);
    }

    @Override
    public void everythingChanged() {
        generation.incrementAndGet();
        entries.clear();
    }

    @Override
    public void connected() {
        everythingChanged();
        feedConnected = true;
    }

    @Override
    public void disconnected() {
        feedConnected = false; // before the generation moves: a read that sees the new generation sees this too
        everythingChanged();
    }

    /** Whether node writes are being heard right now; only then is anything kept in memory. */
    public boolean feedConnected() {
        return feedConnected;
    }

    /** How many nodes are kept now (for tests and metrics). */
    public int size() {
        return entries.size();
    }

    private boolean room(Instant now) {
        if (entries.size() < policy.maxEntries()) {
            return true;
        }
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt));
        return entries.size() < policy.maxEntries();
    }

    private record Entry(NodeAccess access, Instant expiresAt) {
    }
}
