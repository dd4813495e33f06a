package com.pveams.application.port.out.hypervisor;

import java.time.Duration;
import java.util.List;

/** PVE task (UPID) status, logs and waiting. */
public interface HypervisorTasks {

    TaskStatus taskStatus(NodeEndpoint node, Upid upid);

    /** The last {@code limit} lines of the task log. */
    List<TaskLogLine> taskLogTail(NodeEndpoint node, Upid upid, int limit);

    /**
     * Polls the task with backoff until it stops. Returns the final status when it succeeded (OK or WARNINGS);
     * throws {@link HypervisorException.Kind#TASK_FAILED} with the log tail when it failed, and
     * {@link HypervisorException.Kind#TIMEOUT} when it is still running after {@code timeout}.
     */
    TaskStatus awaitTask(NodeEndpoint node, Upid upid, Duration timeout);
}
