package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.application.port.out.hypervisor.TaskLogLine;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /nodes/{node}/tasks/{upid}/status|log}; the task's own node is taken from the UPID. */
public final class TaskClient {

    private final PveTransport t;

    public TaskClient(PveTransport t) {
        this.t = t;
    }

    public TaskStatus status(Upid upid) {
        JsonNode d = t.get(path("nodes", upid.node(), "tasks", upid.value(), "status"), Map.of());
        boolean running = "running".equals(Json.text(d, "status"));
        return new TaskStatus(upid, running, Json.text(d, "exitstatus"));
    }

    /** Last {@code limit} lines: reads the line count first (PVE returns {@code total}), then the tail. */
    public List<TaskLogLine> logTail(Upid upid, int limit) {
        String p = path("nodes", upid.node(), "tasks", upid.value(), "log");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start", "0");
        q.put("limit", "50000");
        JsonNode d = t.get(p, q);
        List<TaskLogLine> all = new ArrayList<>();
        for (JsonNode l : d) {
            all.add(new TaskLogLine((int) Json.lng(l, "n"), Json.text(l, "t")));
        }
        return all.size() <= limit ? all : List.copyOf(all.subList(all.size() - limit, all.size()));
    }
}
