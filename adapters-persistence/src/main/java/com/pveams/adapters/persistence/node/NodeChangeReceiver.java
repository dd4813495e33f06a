package com.pveams.adapters.persistence.node;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.application.port.out.node.NodeChangeFeed.Listener;

/**
 * The channel the V31 triggers announce node writes on, as heard through the process's {@link PostgresListener}:
 * each notification becomes a call on a {@link Listener}. Listening again is {@code connected}, since notifications
 * sent in between are lost and the listener must forget what it cached.
 */
public final class NodeChangeReceiver implements PostgresListener.Channel {
    public static final String CHANNEL = "ams_node_change";

    private final Listener listener;

    public NodeChangeReceiver(Listener listener) {
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

    /** Payloads as V31__node_change_notify.sql writes them (the node id); anything else means "everything changed". */
    void dispatch(String payload) {
        if (payload != null && !payload.isEmpty() && payload.chars().allMatch(Character::isDigit) && payload.length() < 19) {
            listener.nodeChanged(Long.parseLong(payload));
            return;
        }
        listener.everythingChanged();
    }
}
