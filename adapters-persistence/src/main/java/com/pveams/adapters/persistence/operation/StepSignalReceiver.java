package com.pveams.adapters.persistence.operation;

import com.pveams.adapters.persistence.PostgresListener;

/**
 * The {@code ams_operation_step} channel, as heard through the process's {@link PostgresListener}: every
 * notification, and every (re)connect (notifications sent while nobody listened are lost), wakes the engine. A
 * signal carries no data; the engine's wake-ups coalesce, so a burst costs one claim.
 */
final class StepSignalReceiver implements PostgresListener.Channel {
    private final Runnable wake;

    StepSignalReceiver(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void notified(String payload) {
        wake.run();
    }

    @Override
    public void resync() {
        wake.run(); // whatever was announced while nobody listened; the safety poll covers the gap meanwhile
    }
}
