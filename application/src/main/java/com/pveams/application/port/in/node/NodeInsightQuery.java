package com.pveams.application.port.in.node;

import com.pveams.domain.node.LoadHistory;

import java.util.List;
import java.util.Map;

/** What a node reports about itself (负载信息, 网卡管理), read live from PVE or over SSH. */
public interface NodeInsightQuery {

    /** {@code GET /nodes/{node}/status}; the node must be online. */
    StatusReport status(long nodeId);

    /** The node's RRD history. */
    List<LoadSample> load(long nodeId, LoadHistory history);

    /** {@code GET /nodes/{node}/network}. */
    List<InterfaceView> network(long nodeId);

    /** The node's {@code /etc/network/interfaces}, read over SSH. */
    String interfacesFile(long nodeId);

    record StatusReport(Cpu cpuinfo, double cpu, double ioWait, double idle, Usage memory, Usage swap, Usage rootfs,
                        long ksmShared, List<String> loadavg, String kversion, String pveversion, long uptime) {
    }

    record Cpu(String model, int sockets, int cores, int cpus, String mhz, String flags, String hvm, int userHz) {
    }

    record Usage(long total, long used, long free, long avail) {
    }

    /** One RRD row: epoch seconds and the series PVE reported (cpu, memused, netin, …). */
    record LoadSample(long time, Map<String, Double> values) {
    }

    record InterfaceView(String iface, String type, boolean active, boolean autostart, String cidr, String address,
                         String netmask, String gateway, String cidr6, String gateway6, String bridgePorts,
                         boolean vlanAware, String comments) {
    }
}
