package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.mapping.Json;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.StorageContent;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.hypervisor.Upid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /nodes/{node}/storage…}. */
public final class StorageClient {

    private final PveTransport t;
    private final String node;

    public StorageClient(PveTransport t) {
        this.t = t;
        this.node = t.endpoint().nodeName();
    }

    public List<StorageInfo> list(Optional<String> content) {
        Map<String, String> q = new LinkedHashMap<>();
        content.ifPresent(c -> q.put("content", c));
        JsonNode d = t.get(path("nodes", node, "storage"), q);
        List<StorageInfo> out = new ArrayList<>();
        for (JsonNode s : d) {
            String c = Json.text(s, "content");
            Set<String> contents = c == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(c.split(",")));
            out.add(new StorageInfo(Json.text(s, "storage"), Json.text(s, "type"), contents, Json.bool(s, "active"),
                    Json.bool(s, "enabled"), Json.bool(s, "shared"), Json.lng(s, "total"), Json.lng(s, "used"),
                    Json.lng(s, "avail")));
        }
        return out;
    }

    public StorageInfo status(String storage) {
        JsonNode s = t.get(path("nodes", node, "storage", storage, "status"), Map.of());
        return info(storage, s);
    }

    private static StorageInfo info(String storage, JsonNode s) {
        String c = Json.text(s, "content");
        Set<String> contents = c == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(c.split(",")));
        return new StorageInfo(storage, Json.text(s, "type"), contents, Json.bool(s, "active"),
                Json.bool(s, "enabled"), Json.bool(s, "shared"), Json.lng(s, "total"), Json.lng(s, "used"),
                Json.lng(s, "avail"));
    }

    /** {@code GET /storage} (cluster-wide config): storage id → its directory, for those that have one. */
    public Map<String, String> paths() {
        JsonNode d = t.get(path("storage"), Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode s : d) {
            String id = Json.text(s, "storage");
            String dir = Json.text(s, "path");
            if (id != null && dir != null && !dir.isBlank()) {
                out.put(id, dir);
            }
        }
        return out;
    }

    public List<StorageContent> content(String storage, Optional<String> content, Optional<Integer> vmid) {
        Map<String, String> q = new LinkedHashMap<>();
        content.ifPresent(c -> q.put("content", c));
        vmid.ifPresent(v -> q.put("vmid", v.toString()));
        JsonNode d = t.get(path("nodes", node, "storage", storage, "content"), q);
        List<StorageContent> out = new ArrayList<>();
        for (JsonNode v : d) {
            out.add(new StorageContent(Json.text(v, "volid"), Json.text(v, "content"), Json.text(v, "format"),
                    Json.lng(v, "size"), Json.intOrNull(v, "vmid"), Json.lng(v, "ctime"), Json.text(v, "notes")));
        }
        return out;
    }

    public Upid downloadUrl(DownloadUrlRequest r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("url", r.url());
        f.put("filename", r.filename());
        f.put("content", r.content());
        if (r.checksum() != null) {
            f.put("checksum", r.checksum());
            f.put("checksum-algorithm", r.checksumAlgorithm());
        }
        if (r.compression() != null) {
            f.put("compression", r.compression());
        }
        f.put("verify-certificates", r.verifyCertificates() ? "1" : "0");
        return Tasks.upid(t.post(path("nodes", node, "storage", r.storage(), "download-url"), f), "download-url");
    }
}
