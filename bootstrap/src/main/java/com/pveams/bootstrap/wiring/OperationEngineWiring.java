package com.pveams.bootstrap.wiring;

import com.pveams.application.config.OperationEnginePolicy;
import com.pveams.application.operation.OperationEngine;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.operation.StepHandlers;
import com.pveams.bootstrap.config.OperationSettings;
import com.pveams.domain.operation.StepPolicy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The operation engine's configuration, its step handlers (every {@link StepHandler} bean, by kind) and its life:
 * it starts claiming with the application and, on shutdown, lets running steps finish for a grace period.
 */
@ApplicationScoped
public class OperationEngineWiring {

    @Produces
    @Singleton
    OperationEnginePolicy operationEnginePolicy(OperationSettings s) {
        return new OperationEnginePolicy(s.workers(), s.lease(), s.safetyPoll(),
                new StepPolicy(s.retryBase(), s.retryMax(), s.retryJitter(), s.taskPollMin(), s.taskPollMax()));
    }

    @Produces
    @Singleton
    StepHandlers stepHandlers(@Any Instance<StepHandler> handlers) {
        return new StepHandlers(List.copyOf(handlers.stream().toList()));
    }

    void start(@Observes StartupEvent event, OperationEngine engine) {
        engine.start();
    }

    void stop(@Observes ShutdownEvent event, OperationEngine engine, OperationSettings settings) {
        engine.stop(settings.shutdownGrace());
    }
}
