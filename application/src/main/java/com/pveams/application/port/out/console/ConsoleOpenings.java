package com.pveams.application.port.out.console;

/**
 * "A console was opened for VM x" between replicas sharing the database, so that each one closes its older console
 * for that VM and "one console per VM" holds across the cluster. Announcements sent while a replica's listener is
 * disconnected are lost to it: it hears {@link Listener#mayHaveMissedSome()} once it listens again.
 */
public interface ConsoleOpenings {

    /** Announces, at the current transaction's commit, that session {@code sessionId} opened a console for the VM. */
    void announce(long vmId, long sessionId);

    /** Hears every replica's announcements, this one's included. */
    void subscribe(Listener listener);

    interface Listener {
        /** Called on the listener's thread. */
        void opened(long vmId, long sessionId);

        /** Listening (again): openings since the listener last listened may have been missed. */
        default void mayHaveMissedSome() {
        }
    }
}
