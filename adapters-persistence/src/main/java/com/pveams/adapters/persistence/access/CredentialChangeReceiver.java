package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.application.port.out.CredentialChangeFeed.Listener;

/**
 * The channel the V6 triggers announce credential changes on, as heard through the process's
 * {@link PostgresListener}: each notification becomes a call on a {@link Listener}. A lost connection is
 * {@code disconnected}; listening again is {@code connected}, since notifications sent in between are lost and the
 * listener must forget what it cached.
 */
public final class CredentialChangeReceiver implements PostgresListener.Channel {
    public static final String CHANNEL = "ams_credential_change";

    private final Listener listener;

    public CredentialChangeReceiver(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void notified(String payload) {
        dispatch(payload);
    }

    @Override
    public void resync() {
        listener.connected();
    }

    @Override
    public void disconnected() {
        listener.disconnected();
    }

    /** Payloads as V6__auth_change_notify.sql writes them; anything else is treated as "everything changed". */
    void dispatch(String payload) {
        if (payload != null && payload.startsWith("api_key:")) {
            listener.apiKeyChanged(payload.substring("api_key:".length()));
            return;
        }
        if (payload != null && payload.startsWith("admin:")) {
            try {
                listener.adminChanged(Long.parseLong(payload.substring("admin:".length())));
                return;
            } catch (NumberFormatException ignored) {
                // fall through: unreadable, so assume the worst
            }
        }
        listener.everythingChanged();
    }
}
