package com.pveams.bootstrap.support;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test-only step handlers, registered with the running service like real ones (CDI beans by kind). */
public final class TestStepHandlers {
    /** Gates E2E_HOLD waits on, by the operation's {@code gate} parameter. */
    public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private TestStepHandlers() {
    }

    /** Done, with the operation's {@code size} as {@code gb} and the earlier steps' count; undo does nothing. */
    @ApplicationScoped
    public static class Record implements StepHandler {
        @Override
        public String kind() {
            return "E2E_RECORD";
        }

        @Override
        public StepOutcome execute(StepContext context) {
            return StepOutcome.done(Map.of("gb", context.params().getOrDefault("size", 0),
                    "earlier", context.earlierOutputs().size()));
        }
    }

    /** Runs until the test opens its gate (a minute at most), so the operation stays active meanwhile. */
    @ApplicationScoped
    public static class Hold implements StepHandler {
        @Override
        public String kind() {
            return "E2E_HOLD";
        }

        @Override
        public StepOutcome execute(StepContext context) {
            CountDownLatch gate = GATES.get(String.valueOf(context.params().get("gate")));
            try {
                if (gate != null && !gate.await(60, TimeUnit.SECONDS)) {
                    return StepOutcome.fail("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StepOutcome.done();
        }
    }

    /** Fails for good, so the done steps before it are undone. */
    @ApplicationScoped
    public static class Fail implements StepHandler {
        @Override
        public String kind() {
            return "E2E_FAIL";
        }

        @Override
        public StepOutcome execute(StepContext context) {
            return StepOutcome.fail("the simulated disk is full");
        }
    }
}
