package com.pveams.adapters.persistence.console;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.console.ConsoleOpenings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * {@link ConsoleOpenings} over PostgreSQL LISTEN/NOTIFY: an announcement is a {@code NOTIFY ams_console_opened}
 * in the caller's transaction, heard at commit by every replica (this one included) on the process's listener
 * connection ({@link PostgresListeners}), which gets the channel with the first subscriber.
 */
@ApplicationScoped
public class PostgresConsoleOpenings implements ConsoleOpenings, AutoCloseable {
    public static final String CHANNEL = "ams_console_opened";

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final BiConsumer<String, PostgresListener.Channel> listen;
    private final Runnable close;
    private final EntityManager em;

    @Inject
    public PostgresConsoleOpenings(PostgresListeners listeners, EntityManager em) {
        this.listen = listeners::listen;
        this.close = () -> { }; // the shared connection closes with the process
        this.em = em;
    }

    /** With a listener connection of its own, opened by {@code opener} (tests running several replicas). */
    public PostgresConsoleOpenings(PostgresListener.ConnectionOpener opener, EntityManager em) {
        PostgresListener own = new PostgresListener(opener, PostgresListener.Timing.DEFAULT, "ams-console-listener");
        this.listen = own::listen;
        this.close = own::stop;
        this.em = em;
    }

    @Override
    public void announce(long vmId, long sessionId) {
        // pg_notify returns void, which has no Java mapping: select a constant over it
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_notify(?1, ?2)) AS sent")
                .setParameter(1, CHANNEL).setParameter(2, ConsoleOpeningReceiver.payload(vmId, sessionId))
                .getSingleResult();
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
        if (listening.compareAndSet(false, true)) {
            listen.accept(CHANNEL, new ConsoleOpeningReceiver(new Listener() {
                @Override
                public void opened(long vmId, long sessionId) {
                    listeners.forEach(l -> l.opened(vmId, sessionId));
                }

                @Override
                public void mayHaveMissedSome() {
                    listeners.forEach(Listener::mayHaveMissedSome);
                }
            }));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    @Override
    public void close() {
        close.run();
    }
}
