package com.pveams.application.port.out;

/**
 * Tells this replica when any replica changes a stored credential (an API key disabled or deleted, an admin's
 * password changed or the admin deleted), so copies kept in memory can be dropped at once.
 */
public interface CredentialChangeFeed {
    /** Registers a listener; if the feed is already connected, the listener hears {@link Listener#connected()} first. */
    void subscribe(Listener listener);

    interface Listener {
        void apiKeyChanged(String appId);

        void adminChanged(long adminId);

        /** Changes too broad to name one by one (a table emptied): nothing kept may be trusted. */
        void everythingChanged();

        /** The feed is (again) receiving changes. Changes made while it was not may have been missed. */
        void connected();

        /** The feed stopped receiving changes: until it is connected again, nothing may be kept. */
        void disconnected();
    }
}
