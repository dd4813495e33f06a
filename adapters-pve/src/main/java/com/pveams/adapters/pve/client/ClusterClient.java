package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.ClusterStatus;
import com.pveams.application.port.out.hypervisor.PveVersion;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /cluster/nextid|resources|status} and {@code /version}. */
public final class ClusterClient {

    private final PveTransport t;

    public ClusterClient(PveTransport t) {
        this.t = t;
    }

    public int nextId() {
        JsonNode d = t.get(path("cluster", "nextid"), Map.of());
        try {
            return Integer.parseInt(d.asText());
        } catch (NumberFormatException e) {
            throw new HypervisorException(Kind.PROTOCOL, "cluster/nextid answered a non-number");
        }
    }

    /** PVE answers {@code GET /cluster/nextid?vmid=N} with N if free and 400 "VM N already exists" otherwise. */
    public boolean isFree(int vmid) {
        try {
            t.get(path("cluster", "nextid"), Map.of("vmid", Integer.toString(vmid)));
            return true;
        } catch (HypervisorException e) {
            if (e.httpStatus() == 400 && e.getMessage().contains("already exists")) {
                return false;
            }
            throw e;
        }
    }

    /** A stand-alone node reports only itself; a cluster member also reports an entry of type cluster. */
    public ClusterStatus status() {
        Optional<String> name = Optional.empty();
        List<ClusterStatus.Member> members = new ArrayList<>();
        for (JsonNode e : t.get(path("cluster", "status"), Map.of())) {
            String type = Json.text(e, "type");
            if ("cluster".equals(type)) {
                name = Optional.ofNullable(Json.text(e, "name"));
            } else if ("node".equals(type)) {
                members.add(new ClusterStatus.Member(Json.text(e, "name"), Json.bool(e, "local"),
                        Json.bool(e, "online"), Json.text(e, "ip")));
            }
        }
        return new ClusterStatus(name, members);
    }

    public PveVersion version() {
        JsonNode d = t.get(path("version"), Map.of());
        return new PveVersion(Json.text(d, "version"), Json.text(d, "release"));
    }

    public List<ClusterResource> resources(Optional<ClusterResource.Kind> kind) {
        Map<String, String> q = new LinkedHashMap<>();
        kind.ifPresent(k -> q.put("type", k.name().toLowerCase(Locale.ROOT)));
        JsonNode d = t.get(path("cluster", "resources"), q);
        List<ClusterResource> out = new ArrayList<>();
        for (JsonNode r : d) {
            out.add(new ClusterResource(Json.text(r, "id"), Json.text(r, "type"), Json.text(r, "node"),
                    Json.intOrNull(r, "vmid"), Json.text(r, "name"), Json.text(r, "status"), Json.text(r, "storage"),
                    Json.dbl(r, "cpu"), Json.dbl(r, "maxcpu"), Json.lng(r, "mem"), Json.lng(r, "maxmem"),
                    Json.lng(r, "disk"), Json.lng(r, "maxdisk"), Json.bool(r, "template")));
        }
        return out;
    }
}
