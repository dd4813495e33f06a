package com.pveams.application.operation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The step handlers of this process, by kind. Two handlers for one kind are a wiring mistake caught at start. */
public final class StepHandlers {
    private final Map<String, StepHandler> byKind;

    public StepHandlers(Collection<? extends StepHandler> handlers) {
        this.byKind = handlers.stream().collect(Collectors.toUnmodifiableMap(StepHandler::kind, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two step handlers for kind " + a.kind() + ": "
                            + a.getClass().getName() + " and " + b.getClass().getName());
                }));
    }

    public Optional<StepHandler> forKind(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }
}
