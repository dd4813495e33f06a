package com.pveams.application.port.out.node;

/**
 * Tells this replica when any replica writes a node row (connection settings, secrets, pins, state, deletion), so
 * the node access kept in memory ({@code service/node/NodeAccessCache}) is dropped at once rather than after its
 * lifetime.
 */
public interface NodeChangeFeed {
    /** Registers a listener; if the feed is already connected, the listener hears {@link Listener#connected()} first. */
    void subscribe(Listener listener);

    interface Listener {
        void nodeChanged(long nodeId);

        /** Changes too broad to name one by one (the table emptied): nothing kept may be trusted. */
        void everythingChanged();

        /** The feed is (again) receiving changes. Changes made while it was not may have been missed. */
        void connected();

        /** The feed stopped receiving changes: until it is connected again, nothing may be kept. */
        void disconnected();
    }
}
