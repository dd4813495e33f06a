package com.pveams.adapters.rest.vm;

import com.pveams.application.port.in.vm.VmDetails;
import com.pveams.application.port.in.vm.VmDriftQuery;
import com.pveams.application.port.in.vm.VmQuery.RrdRow;
import com.pveams.domain.paging.Page;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy {@code VmHostDto} JSON: field names and 0/1-versus-boolean choices exactly as the contract's examples
 * (and the admin UI) have them. Built as ordered maps because {@code current.data} and the RRD rows carry PVE's own
 * keys ({@code running-qemu}, …) through unchanged.
 */
final class VmJson {
    private VmJson() {
    }

    /** The hand-built page map of the legacy VM lists: no MyBatis-Plus extras (orders, countId …). */
    static Map<String, Object> page(Page<VmDetails> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", page.total());
        m.put("size", page.size());
        m.put("current", page.current());
        m.put("pages", page.pages());
        m.put("records", page.records().stream().map(VmJson::record).toList());
        return m;
    }

    static Map<String, Object> record(VmDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeName", d.nodeName());
        m.put("area", d.area());
        m.put("vmhost", host(d.vmhost()));
        m.put("os", os(d.os()));
        m.put("current", Map.of("data", d.current().data()));
        m.put("rrddata", d.rrd() == null ? null : Map.of("data", rrd(d.rrd())));
        // not in the legacy shape: whether current.data is PVE's answer or a stand-in from the stored row
        m.put("live", d.current().live());
        m.put("liveProblem", d.current().problem() == null ? null : d.current().problem().name());
        return m;
    }

    /**
     * Admin pages only, not in the legacy shape: adds {@code drift} (kind → {@code stored}/{@code pve}, or null when
     * PVE matched at the last reconciliation) and {@code driftDetectedAt} (epoch ms) to each rendered record.
     */
    @SuppressWarnings("unchecked")
    static void addDrift(List<Map<String, Object>> records, VmDriftQuery drift) {
        List<Long> ids = records.stream().map(r -> (Long) ((Map<String, Object>) r.get("vmhost")).get("id")).toList();
        Map<Long, VmDriftQuery.VmDriftView> found = drift.driftOf(ids);
        for (Map<String, Object> r : records) {
            VmDriftQuery.VmDriftView d = found.get((Long) ((Map<String, Object>) r.get("vmhost")).get("id"));
            r.put("drift", d == null ? null : d.differences());
            r.put("driftDetectedAt", d == null ? null : millis(d.detectedAt()));
        }
    }

    private static Map<String, Object> host(VmDetails.Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("nodeid", h.nodeId());
        m.put("vmid", h.vmid());
        m.put("name", h.hostname());
        m.put("hostname", h.hostname());
        m.put("configureTemplateId", h.flavourId());
        m.put("sockets", h.sockets());
        m.put("cores", h.cores());
        m.put("threads", h.threads());
        m.put("devirtualization", h.devirtualization());
        m.put("kvm", h.kvm());
        m.put("cpuModel", h.cpuModelId());
        m.put("modelGroup", h.modelGroupId());
        m.put("cpu", h.cpu());
        m.put("cpuUnits", h.cpuUnits());
        m.put("bwlimit", h.bwlimitKbps());
        m.put("args", h.args());
        m.put("arch", h.arch());
        m.put("acpi", bit(h.acpi()));
        m.put("memory", h.memoryMb());
        m.put("swap", null);
        m.put("agent", bit(h.agent()));
        m.put("username", h.username());
        m.put("password", h.password());
        m.put("ide0", null);
        m.put("ide2", h.storage() + ":cloudinit");
        m.put("net0", "virtio,bridge=" + h.bridge());
        m.put("net1", null);
        m.put("os", h.osFileName());
        m.put("osName", h.osName());
        m.put("osType", h.osType());
        m.put("iso", null);
        m.put("template", null);
        m.put("onBoot", bit(h.onBoot()));
        m.put("bandwidth", h.bandwidthMbps());
        m.put("storage", h.storage());
        m.put("systemDiskSize", h.systemDiskGb());
        m.put("dataDisk", h.dataDisk() == null || h.dataDisk().isEmpty() ? null : h.dataDisk());
        m.put("bridge", h.bridge());
        m.put("ipConfig", h.ipConfig());
        m.put("ipData", h.ipData());
        m.put("nested", bit(h.nested()));
        m.put("ifnat", bit(h.nat()));
        m.put("natnum", h.natRuleLimit());
        m.put("task", Map.of());
        m.put("status", h.status());
        m.put("deleteState", h.deleteState());
        m.put("createTime", millis(h.createdAt()));
        m.put("expirationTime", millis(h.expiresAt()));
        m.put("ipList", h.ipList());
        return m;
    }

    private static Map<String, Object> os(VmDetails.Os o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("fileName", o.fileName());
        m.put("type", o.type());
        m.put("arch", o.arch());
        m.put("osType", o.osType());
        m.put("downType", o.downloadType());
        m.put("url", o.url());
        m.put("path", o.path());
        m.put("cloud", o.cloudInit() == null ? null : bit(o.cloudInit()));
        m.put("status", o.status());
        m.put("createTime", millis(o.createdAt()));
        return m;
    }

    /** PVE's rows: {@code time} first, then the series; whole numbers without a fraction, as PVE writes them. */
    static List<Map<String, Object>> rrd(List<RrdRow> rows) {
        return rows.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", r.time());
            r.values().forEach((k, v) -> row.put(k, number(v)));
            return row;
        }).toList();
    }

    private static Object number(Double v) {
        if (v == null) {
            return null;
        }
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 9.0e15 ? (Object) v.longValue() : v;
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
