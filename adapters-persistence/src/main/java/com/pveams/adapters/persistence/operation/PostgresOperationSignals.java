package com.pveams.adapters.persistence.operation;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.operation.OperationSignals;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * {@link OperationSignals} over PostgreSQL LISTEN/NOTIFY: the store NOTIFYs in every transaction that makes a step
 * due now, so every replica (this one included) hears it at commit. The channel is added to the process's listener
 * connection ({@link PostgresListeners}) with the first subscriber, so a process that runs no engine listens to
 * nothing for it.
 */
@ApplicationScoped
public class PostgresOperationSignals implements OperationSignals, AutoCloseable {
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final BiConsumer<String, PostgresListener.Channel> listen;
    private final Runnable close;

    @Inject
    public PostgresOperationSignals(PostgresListeners listeners) {
        this.listen = listeners::listen;
        this.close = () -> { }; // the shared connection closes with the process
    }

    /** With a listener connection of its own, opened by {@code opener} (tests running several engines). */
    public PostgresOperationSignals(PostgresListener.ConnectionOpener opener) {
        PostgresListener own = new PostgresListener(opener, PostgresListener.Timing.DEFAULT, "ams-op-listener");
        this.listen = own::listen;
        this.close = own::stop;
    }

    @Override
    public void subscribe(Runnable wake) {
        subscribers.add(wake);
        if (listening.compareAndSet(false, true)) {
            listen.accept(OperationPersistenceAdapter.CHANNEL, new StepSignalReceiver(this::wakeAll));
        }
    }

    private void wakeAll() {
        subscribers.forEach(Runnable::run);
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    @Override
    public void close() {
        close.run();
    }
}
