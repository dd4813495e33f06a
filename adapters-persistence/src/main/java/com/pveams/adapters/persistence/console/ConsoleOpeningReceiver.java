package com.pveams.adapters.persistence.console;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.application.port.out.console.ConsoleOpenings.Listener;
import org.jboss.logging.Logger;

/**
 * The {@code ams_console_opened} channel, as heard through a {@link PostgresListener}: the payload
 * {@code <vmId>:<sessionId>} becomes a call on a {@link Listener}; listening (again) is
 * {@link Listener#mayHaveMissedSome()}, since openings announced while nobody listened are lost.
 */
final class ConsoleOpeningReceiver implements PostgresListener.Channel {
    private static final Logger LOG = Logger.getLogger(ConsoleOpeningReceiver.class);

    private final Listener listener;

    ConsoleOpeningReceiver(Listener listener) {
        this.listener = listener;
    }

    static String payload(long vmId, long sessionId) {
        return vmId + ":" + sessionId;
    }

    @Override
    public void notified(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        long vmId;
        long sessionId;
        try {
            vmId = Long.parseLong(payload.substring(0, colon));
            sessionId = Long.parseLong(payload.substring(colon + 1));
        } catch (RuntimeException e) {
            LOG.warnf("%s: ignored the unreadable payload %s", PostgresConsoleOpenings.CHANNEL, payload);
            return;
        }
        listener.opened(vmId, sessionId);
    }

    @Override
    public void resync() {
        listener.mayHaveMissedSome();
    }
}
