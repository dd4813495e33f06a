package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.application.port.out.hypervisor.NetworkInterface;
import com.pveams.application.port.out.hypervisor.NodeStatus;
import com.pveams.application.port.out.hypervisor.NodeStatusDetails;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdPoint;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /nodes/{node}/status|rrddata|network}, and the node list {@code /nodes}. */
public final class NodeClient {

    private final PveTransport t;
    private final String node;

    public NodeClient(PveTransport t) {
        this.t = t;
        this.node = t.endpoint().nodeName();
    }

    public NodeStatus status() {
        JsonNode d = t.get(path("nodes", node, "status"), Map.of());
        List<Double> load = new ArrayList<>();
        JsonNode la = d.get("loadavg");
        if (la != null && la.isArray()) {
            la.forEach(v -> load.add(Double.parseDouble(v.asText())));
        }
        JsonNode cpuinfo = d.get("cpuinfo");
        return new NodeStatus(Json.dbl(d, "cpu"), (int) Json.lng(cpuinfo, "cpus"),
                Json.lng(d.get("memory"), "total"), Json.lng(d.get("memory"), "used"),
                Json.lng(d.get("rootfs"), "total"), Json.lng(d.get("rootfs"), "used"), Json.lng(d, "uptime"), load,
                Json.text(d, "pveversion"), Json.text(d, "kversion"));
    }

    public NodeStatusDetails statusDetails() {
        JsonNode d = t.get(path("nodes", node, "status"), Map.of());
        List<String> load = new ArrayList<>();
        JsonNode la = d.get("loadavg");
        if (la != null && la.isArray()) {
            la.forEach(v -> load.add(v.asText()));
        }
        JsonNode ci = d.get("cpuinfo");
        NodeStatusDetails.CpuInfo cpuinfo = new NodeStatusDetails.CpuInfo(Json.text(ci, "model"),
                (int) Json.lng(ci, "sockets"), (int) Json.lng(ci, "cores"), (int) Json.lng(ci, "cpus"),
                Json.text(ci, "mhz"), Json.text(ci, "flags"), Json.text(ci, "hvm"), (int) Json.lng(ci, "user_hz"));
        return new NodeStatusDetails(cpuinfo, Json.dbl(d, "cpu"), Json.dbl(d, "wait"), Json.dbl(d, "idle"),
                usage(d.get("memory")), usage(d.get("swap")), usage(d.get("rootfs")), Json.lng(d.get("ksm"), "shared"),
                load, Json.text(d, "kversion"), Json.text(d, "pveversion"), Json.lng(d, "uptime"));
    }

    private static NodeStatusDetails.Usage usage(JsonNode n) {
        return new NodeStatusDetails.Usage(Json.lng(n, "total"), Json.lng(n, "used"), Json.lng(n, "free"),
                Json.lng(n, "avail"));
    }

    /** {@code GET /nodes}: the node names the answering node knows. */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : t.get(path("nodes"), Map.of())) {
            String name = Json.text(n, "node");
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    public List<RrdPoint> rrd(RrdTimeframe tf, RrdConsolidation cf) {
        return rrdPoints(t.get(path("nodes", node, "rrddata"), rrdQuery(tf, cf)));
    }

    static Map<String, String> rrdQuery(RrdTimeframe tf, RrdConsolidation cf) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("timeframe", tf.name().toLowerCase(Locale.ROOT));
        q.put("cf", cf.name());
        return q;
    }

    static List<RrdPoint> rrdPoints(JsonNode data) {
        List<RrdPoint> out = new ArrayList<>();
        if (data == null || !data.isArray()) {
            return out;
        }
        for (JsonNode row : data) {
            Map<String, Double> values = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> {
                if (!"time".equals(e.getKey()) && e.getValue().isNumber()) {
                    values.put(e.getKey(), e.getValue().asDouble());
                }
            });
            out.add(new RrdPoint(Json.lng(row, "time"), values));
        }
        return out;
    }

    public List<NetworkInterface> network() {
        JsonNode d = t.get(path("nodes", node, "network"), Map.of());
        List<NetworkInterface> out = new ArrayList<>();
        for (JsonNode n : d) {
            out.add(new NetworkInterface(Json.text(n, "iface"), Json.text(n, "type"), Json.bool(n, "active"),
                    Json.bool(n, "autostart"), Json.text(n, "cidr"), Json.text(n, "address"),
                    Json.text(n, "netmask"), Json.text(n, "gateway"), Json.text(n, "cidr6"),
                    Json.text(n, "gateway6"), Json.text(n, "bridge_ports"), Json.bool(n, "bridge_vlan_aware"),
                    Json.text(n, "comments")));
        }
        return out;
    }
}
