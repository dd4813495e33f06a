package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.pve.client.PveTransport.Idempotency;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.adapters.pve.mapping.VmSettingsRenderer;
import com.pveams.application.port.out.hypervisor.CloneSpec;
import com.pveams.application.port.out.hypervisor.DiskResize;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdPoint;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.port.out.hypervisor.VncProxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /nodes/{node}/qemu[/{vmid}/…]}: lifecycle, config, status, power, resize, rrd, vnc, cloud-init. */
public final class QemuClient {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PLAIN_OBJECT = new TypeReference<>() {
    };

    private final PveTransport t;
    private final String node;

    public QemuClient(PveTransport t) {
        this.t = t;
        this.node = t.endpoint().nodeName();
    }

    private String vm(int vmid, Object... rest) {
        Object[] segs = new Object[4 + rest.length];
        segs[0] = "nodes";
        segs[1] = node;
        segs[2] = "qemu";
        segs[3] = vmid;
        System.arraycopy(rest, 0, segs, 4, rest.length);
        return path(segs);
    }

    public Upid create(VmCreateSpec spec) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("vmid", Integer.toString(spec.vmid()));
        f.putAll(VmSettingsRenderer.render(spec.settings()));
        if (spec.start()) {
            f.put("start", "1");
        }
        return Tasks.upid(t.post(path("nodes", node, "qemu"), f), "create VM " + spec.vmid());
    }

    public VmConfig config(int vmid) {
        JsonNode d = t.get(vm(vmid, "config"), Map.of());
        Map<String, String> values = new LinkedHashMap<>();
        String digest = null;
        var it = d.fields();
        while (it.hasNext()) {
            var e = it.next();
            if ("digest".equals(e.getKey())) {
                digest = e.getValue().asText();
            } else {
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        return new VmConfig(values, digest);
    }

    public Optional<Upid> updateConfig(int vmid, VmConfigUpdate u) {
        Map<String, String> f = new LinkedHashMap<>(VmSettingsRenderer.render(u.settings()));
        if (!u.delete().isEmpty()) {
            f.put("delete", String.join(",", u.delete()));
        }
        if (u.digest() != null) {
            f.put("digest", u.digest());
        }
        JsonNode d = t.post(vm(vmid, "config"), f);
        return d == null || d.isNull() || d.asText().isEmpty() ? Optional.empty()
                : Optional.of(Tasks.upid(d, "update VM " + vmid));
    }

    public Upid delete(int vmid) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("purge", "1");
        q.put("destroy-unreferenced-disks", "1");
        return Tasks.upid(t.delete(vm(vmid), q), "delete VM " + vmid);
    }

    public VmStatus status(int vmid) {
        JsonNode d = t.get(vm(vmid, "status", "current"), Map.of());
        return new VmStatus((int) Json.lng(d, "vmid"), Json.text(d, "name"), Json.text(d, "status"),
                Json.text(d, "qmpstatus"), Json.dbl(d, "cpu"), Json.dbl(d, "cpus"), Json.lng(d, "mem"),
                Json.lng(d, "maxmem"), Json.lng(d, "maxdisk"), Json.lng(d, "uptime"), Json.bool(d, "agent"),
                Json.text(d, "lock"), Json.lng(d, "netin"), Json.lng(d, "netout"));
    }

    /** PVE's status object as plain maps and lists, for callers that pass it through unchanged. */
    public Map<String, Object> statusFields(int vmid) {
        JsonNode d = t.get(vm(vmid, "status", "current"), Map.of());
        return d == null || !d.isObject() ? Map.of() : TREE.convertValue(d, PLAIN_OBJECT);
    }

    public Upid power(int vmid, PowerAction action) {
        Map<String, String> f = new LinkedHashMap<>();
        if (action == PowerAction.HIBERNATE) {
            f.put("todisk", "1");
        }
        return Tasks.upid(t.post(vm(vmid, "status", action.pvePath()), f), action + " VM " + vmid);
    }

    public Upid shutdown(int vmid, int timeoutSeconds, boolean forceStop) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("timeout", Integer.toString(timeoutSeconds));
        f.put("forceStop", forceStop ? "1" : "0");
        return Tasks.upid(t.post(vm(vmid, "status", "shutdown"), f), "shutdown VM " + vmid);
    }

    public Upid resize(int vmid, DiskResize r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("disk", r.disk());
        f.put("size", r.pveSize());
        // absolute resize is idempotent, growing is not
        JsonNode d = t.put(vm(vmid, "resize"), f, r.grow() ? Idempotency.NOT_IDEMPOTENT : Idempotency.IDEMPOTENT);
        return Tasks.upid(d, "resize VM " + vmid);
    }

    public List<RrdPoint> rrd(int vmid, RrdTimeframe tf, RrdConsolidation cf) {
        return NodeClient.rrdPoints(t.get(vm(vmid, "rrddata"), NodeClient.rrdQuery(tf, cf)));
    }

    public VncProxy vncProxy(int vmid) {
        JsonNode d = t.post(vm(vmid, "vncproxy"), Map.of("websocket", "1"));
        return new VncProxy((int) Json.lng(d, "port"), Json.text(d, "ticket"), Json.text(d, "user"),
                Json.text(d, "password"), Json.text(d, "upid"), Json.text(d, "cert"));
    }

    public void regenerateCloudInit(int vmid) {
        t.put(vm(vmid, "cloudinit"), Map.of(), Idempotency.IDEMPOTENT);
    }

    public Upid clone(int sourceVmid, CloneSpec spec) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("newid", Integer.toString(spec.newVmid()));
        if (spec.name() != null) {
            f.put("name", spec.name());
        }
        // always explicit: PVE's default depends on whether the source is a template
        f.put("full", spec.full() ? "1" : "0");
        if (spec.targetStorage() != null) {
            f.put("storage", spec.targetStorage());
        }
        if (spec.description() != null) {
            f.put("description", spec.description());
        }
        return Tasks.upid(t.post(vm(sourceVmid, "clone"), f), "clone VM " + sourceVmid);
    }

    public Upid template(int vmid) {
        return Tasks.upid(t.post(vm(vmid, "template"), Map.of()), "template VM " + vmid);
    }
}
