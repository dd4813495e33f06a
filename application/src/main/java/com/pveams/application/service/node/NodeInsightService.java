package com.pveams.application.service.node;

import com.pveams.application.port.in.node.NodeInsightQuery;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.NodeStatusDetails;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.LoadHistory;
import com.pveams.domain.node.NodeState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** Live readings of a node: status, load history, network interfaces, the interfaces file. */
@Singleton
public class NodeInsightService implements NodeInsightQuery {
    /** Where Debian (and so PVE) keeps the network configuration the legacy agent used to read. */
    static final String INTERFACES_FILE = "/etc/network/interfaces";

    private final NodeStore store;
    private final NodeConnectionService connections;
    private final HypervisorNodes pve;
    private final NodeShell shell;

    @Inject
    public NodeInsightService(NodeStore store, NodeConnectionService connections, HypervisorNodes pve, NodeShell shell) {
        this.store = store;
        this.connections = connections;
        this.pve = pve;
        this.shell = shell;
    }

    @Override
    public StatusReport status(long nodeId) {
        // legacy answers of this endpoint: 20400 with these two messages
        StoredNode stored = store.find(nodeId)
                .orElseThrow(() -> DomainException.failure("节点不存在", "Node does not exist"));
        if (stored.node().state() != NodeState.ONLINE) {
            throw DomainException.failure("节点不可用", "Node is not available");
        }
        NodeStatusDetails d = callPve(stored, pve::nodeStatusDetails);
        NodeStatusDetails.CpuInfo c = d.cpuinfo();
        return new StatusReport(new Cpu(c.model(), c.sockets(), c.cores(), c.cpus(), c.mhz(), c.flags(), c.hvm(), c.userHz()),
                d.cpu(), d.ioWait(), d.idle(), usage(d.memory()), usage(d.swap()), usage(d.rootfs()), d.ksmShared(),
                d.loadavg(), d.kversion(), d.pveversion(), d.uptime());
    }

    @Override
    public List<LoadSample> load(long nodeId, LoadHistory history) {
        StoredNode stored = store.load(nodeId);
        RrdTimeframe tf = RrdTimeframe.valueOf(history.timeframe().name());
        RrdConsolidation cf = RrdConsolidation.valueOf(history.cf().name());
        return callPve(stored, ep -> pve.nodeRrd(ep, tf, cf)).stream()
                .map(p -> new LoadSample(p.time(), p.values())).toList();
    }

    @Override
    public List<InterfaceView> network(long nodeId) {
        StoredNode stored = store.load(nodeId);
        return callPve(stored, pve::networkInterfaces).stream()
                .map(i -> new InterfaceView(i.name(), i.type(), i.active(), i.autostart(), i.cidr(), i.address(),
                        i.netmask(), i.gateway(), i.cidr6(), i.gateway6(), i.bridgePorts(), i.vlanAware(), i.comments()))
                .toList();
    }

    @Override
    public String interfacesFile(long nodeId) {
        StoredNode stored = store.load(nodeId);
        NodeSshEndpoint ssh = connections.ssh(stored).orElseThrow(() -> DomainException.failure(
                "该节点未配置SSH", "SSH is not configured for this node"));
        CommandResult r;
        try {
            r = shell.run(ssh, List.of("cat", "--", INTERFACES_FILE), Duration.ofSeconds(30));
        } catch (NodeShellException e) {
            throw NodeChecks.shellFailure(e, HostAddress.of(ssh.host(), "sshHost"), ssh.port());
        }
        if (!r.succeeded()) {
            throw DomainException.failure("读取 " + INTERFACES_FILE + " 失败", "Could not read " + INTERFACES_FILE);
        }
        return r.stdout();
    }

    private <T> T callPve(StoredNode stored, java.util.function.Function<NodeEndpoint, T> call) {
        NodeEndpoint ep = connections.api(stored);
        try {
            return call.apply(ep);
        } catch (HypervisorException e) {
            throw NodeChecks.pveFailure(e, stored.node().connection().host(), ep.port());
        }
    }

    private static Usage usage(NodeStatusDetails.Usage u) {
        return new Usage(u.total(), u.used(), u.free(), u.avail());
    }
}
