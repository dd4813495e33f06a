package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.application.port.out.hypervisor.Snapshot;
import com.pveams.application.port.out.hypervisor.Upid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /nodes/{node}/qemu/{vmid}/snapshot[/{name}]}. */
public final class SnapshotClient {

    private final PveTransport t;
    private final String node;

    public SnapshotClient(PveTransport t) {
        this.t = t;
        this.node = t.endpoint().nodeName();
    }

    public List<Snapshot> list(int vmid) {
        JsonNode d = t.get(path("nodes", node, "qemu", vmid, "snapshot"), Map.of());
        List<Snapshot> out = new ArrayList<>();
        for (JsonNode s : d) {
            JsonNode st = s.get("snaptime");
            out.add(new Snapshot(Json.text(s, "name"), Json.text(s, "description"),
                    st == null || st.isNull() ? null : st.asLong(), Json.bool(s, "vmstate"), Json.text(s, "parent")));
        }
        return out;
    }

    public Upid delete(int vmid, String name) {
        return Tasks.upid(t.delete(path("nodes", node, "qemu", vmid, "snapshot", name), Map.of()),
                "delete snapshot of VM " + vmid);
    }
}
