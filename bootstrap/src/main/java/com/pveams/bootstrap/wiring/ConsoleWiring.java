package com.pveams.bootstrap.wiring;

import com.pveams.application.config.ConsolePolicy;
import com.pveams.application.port.in.console.OpenConsoleUseCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The browser console's settings ({@code ams.console.idle-timeout}, {@code ams.console.public-url}), the open
 * consoles gauge ({@code ams_console_open}) and the idle and lifetime check of this replica's consoles.
 */
@ApplicationScoped
public class ConsoleWiring {

    @Produces
    @Singleton
    ConsolePolicy consolePolicy(@ConfigProperty(name = "ams.console.idle-timeout", defaultValue = "15m") Duration idle,
                                @ConfigProperty(name = "ams.console.public-url") Optional<String> publicUrl) {
        return new ConsolePolicy(idle, publicUrl.filter(s -> !s.isBlank()));
    }

    /** Every replica checks its own consoles (they live in its memory). */
    @ApplicationScoped
    public static class IdleCheck {
        private final OpenConsoleUseCase consoles;

        @Inject
        public IdleCheck(OpenConsoleUseCase consoles) {
            this.consoles = consoles;
        }

        void gauge(@Observes StartupEvent e, MeterRegistry registry) {
            Gauge.builder("ams_console_open", consoles, OpenConsoleUseCase::openCount)
                    .description("Browser consoles open on this replica").register(registry);
        }

        @Scheduled(every = "${ams.console.idle-check-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void run() {
            consoles.closeEnded();
        }
    }
}
