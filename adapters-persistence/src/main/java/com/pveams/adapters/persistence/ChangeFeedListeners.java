package com.pveams.adapters.persistence;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process listeners of one change feed (credentials, nodes): the LISTEN/NOTIFY side hands them what other
 * replicas wrote, and this replica's own writes reach them right after their commit, before the caller gets its
 * answer, so the next call here never depends on how fast the notification comes back.
 *
 * @param <L> the feed's listener type
 */
public final class ChangeFeedListeners<L> {
    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final TransactionSynchronizationRegistry transactions;
    private final Consumer<L> onConnected;
    private final Consumer<L> onDisconnected;
    private boolean connected; // guarded by this: a subscriber must not miss the connected/disconnected edge

    public ChangeFeedListeners(TransactionSynchronizationRegistry transactions, Consumer<L> onConnected,
                               Consumer<L> onDisconnected) {
        this.transactions = transactions;
        this.onConnected = onConnected;
        this.onDisconnected = onDisconnected;
    }

    /** Registers a listener; if the feed is already connected, the listener hears that first. */
    public synchronized void subscribe(L listener) {
        listeners.add(listener);
        if (connected) {
            onConnected.accept(listener);
        }
    }

    /** A change heard from the database, for every listener now. */
    public void all(Consumer<L> change) {
        listeners.forEach(change);
    }

    public synchronized void connected() {
        connected = true;
        listeners.forEach(onConnected);
    }

    public synchronized void disconnected() {
        connected = false;
        listeners.forEach(onDisconnected);
    }

    /** This replica's own change, for every listener once the current transaction has completed (at once without). */
    public void afterCommit(Consumer<L> change) {
        if (transactions.getTransactionKey() == null) {
            listeners.forEach(change);
            return;
        }
        // On rollback too: a needless invalidation costs one read, a missed one a stale credential, password or pin.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                listeners.forEach(change);
            }
        });
    }
}
