package com.pveams.adapters.pve.task;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.client.PveTransport.Sleeper;
import com.pveams.adapters.pve.client.TaskClient;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.TaskExit;
import com.pveams.application.port.out.hypervisor.TaskLogLine;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Polls a UPID until the task stops, with a growing interval (x1.5 up to a cap) and an overall timeout.
 * <ul>
 *   <li>A task that answers HTTP 400/404 within {@code freshUpidGrace} of the wait's start is "not visible yet"
 *   (PVE writes the task's status file a moment after returning the UPID), not a failure.</li>
 *   <li>Transient errors (unreachable, 5xx) keep the wait going until the deadline.</li>
 *   <li>A task that stopped with an exit status other than OK/WARNINGS fails with {@link Kind#TASK_FAILED}
 *   carrying its {@link TaskExit} (whose rule says whether it is worth another try); the message carries the exit
 *   status and the tail of the task log.</li>
 * </ul>
 * Deadlines come from the injected clock and pauses from the injected sleeper, so tests can run a wait in hand-moved
 * time (a sleeper that advances the clock) instead of depending on how fast a loaded machine is.
 */
public final class TaskWaiter {

    private final PveClientConfig config;
    private final Clock clock;
    private final Sleeper sleeper;

    public TaskWaiter(PveClientConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param onStopped called once the task is seen stopped (success or failure), e.g. to free a storage slot
     */
    public TaskStatus await(TaskClient tasks, Upid upid, Duration timeout, Consumer<Upid> onStopped) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant graceEnd = start.plus(config.freshUpidGrace());
        long interval = Math.max(1, config.taskPollInitial().toMillis());
        HypervisorException lastTransient = null;
        while (true) {
            TaskStatus status = null;
            try {
                status = tasks.status(upid);
            } catch (HypervisorException e) {
                boolean notVisibleYet = (e.httpStatus() == 400 || e.kind() == Kind.NOT_FOUND)
                        && clock.instant().isBefore(graceEnd);
                boolean transientFailure = e.kind() == Kind.UNREACHABLE || e.kind() == Kind.RETRYABLE
                        || (e.kind() == Kind.TIMEOUT && e.httpStatus() == 0);
                if (!notVisibleYet && !transientFailure) {
                    throw e;
                }
                lastTransient = e;
            }
            if (status != null && !status.running()) {
                onStopped.accept(upid);
                if (status.succeeded() || status.succeededWithWarnings()) {
                    return status;
                }
                throw failed(tasks, upid, status);
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                String why = status != null ? "still running" : "not answering ("
                        + (lastTransient == null ? "?" : lastTransient.kind()) + ")";
                throw new HypervisorException(Kind.TIMEOUT, null, 0, "task " + upid.type() + " " + upid.id()
                        + " on " + upid.node() + " " + why + " after " + timeout, lastTransient);
            }
            long sleep = Math.min(interval, Math.max(1, Duration.between(now, deadline).toMillis()));
            try {
                sleeper.sleep(sleep);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new HypervisorException(Kind.TIMEOUT, null, 0, "interrupted while waiting for " + upid, ie);
            }
            interval = Math.min((long) (interval * 1.5) + 1, config.taskPollMax().toMillis());
        }
    }

    private HypervisorException failed(TaskClient tasks, Upid upid, TaskStatus status) {
        String tail;
        try {
            List<TaskLogLine> lines = tasks.logTail(upid, config.taskLogTailLines());
            tail = lines.stream().map(TaskLogLine::text).collect(Collectors.joining("\n"));
        } catch (HypervisorException e) {
            tail = "(task log unavailable: " + e.kind() + ")";
        }
        return HypervisorException.taskFailed(status.exit(), "task " + upid.type() + " " + upid.id() + " on "
                + upid.node() + " failed: " + status.exitStatus() + "\n--- task log tail ---\n" + tail);
    }
}
