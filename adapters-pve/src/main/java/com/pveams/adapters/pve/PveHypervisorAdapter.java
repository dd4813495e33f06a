package com.pveams.adapters.pve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.net.RefusedUrlException;
import com.pveams.adapters.net.UrlPolicy;
import com.pveams.adapters.pve.client.ConcurrencyLimits;
import com.pveams.adapters.pve.client.NodeConnection;
import com.pveams.adapters.pve.client.PveCallObserver;
import com.pveams.adapters.pve.client.PveTransport;
import com.pveams.adapters.pve.task.TaskWaiter;
import com.pveams.adapters.pve.tls.CertificateProber;
import com.pveams.application.port.out.hypervisor.CertificateProbe;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.CloneSpec;
import com.pveams.application.port.out.hypervisor.ClusterStatus;
import com.pveams.application.port.out.hypervisor.DiskResize;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NetworkInterface;
import com.pveams.application.port.out.hypervisor.NodeCertificates;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.NodeStatus;
import com.pveams.application.port.out.hypervisor.NodeStatusDetails;
import com.pveams.application.port.out.hypervisor.PveVersion;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdPoint;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import com.pveams.application.port.out.hypervisor.Snapshot;
import com.pveams.application.port.out.hypervisor.StorageContent;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.hypervisor.TaskLogLine;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.port.out.hypervisor.VncProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The PVE adapter: implements the hypervisor ports over PVE's HTTP API. One {@link NodeConnection} (HTTP client with
 * its own TLS trust, authenticator, resource clients) per node endpoint, created on first use and replaced when the
 * endpoint's credentials or trust change. Usable as a CDI bean (config from a {@link PveClientConfig} bean if one
 * exists, else defaults) and directly in plain unit tests.
 */
@ApplicationScoped
public class PveHypervisorAdapter implements HypervisorNodes, HypervisorVms, HypervisorTasks, NodeCertificates {

    private static final Pattern DISK_KEY = Pattern.compile("^(scsi|virtio|sata|ide|efidisk|tpmstate)\\d+$");

    private final PveClientConfig config;
    private final Clock clock;
    private final PveTransport.Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrencyLimits limits;
    private final TaskWaiter waiter;
    private final Map<String, NodeConnection> connections = new ConcurrentHashMap<>();
    private final UrlPolicy downloadPolicy;
    private final PveCallObserver callObserver;

    /**
     * Download targets follow a {@link UrlPolicy} bean when the application produces one, else the strict policy;
     * call latencies go to a {@link PveCallObserver} bean when there is one.
     */
    @Inject
    public PveHypervisorAdapter(Instance<PveClientConfig> config, Instance<UrlPolicy> downloadPolicy,
                                Instance<PveCallObserver> callObserver) {
        this(config.isResolvable() ? config.get() : PveClientConfig.defaults(), Clock.systemUTC(), Thread::sleep,
                downloadPolicy.isResolvable() ? downloadPolicy.get() : UrlPolicy.strict(),
                callObserver.isResolvable() ? callObserver.get() : PveCallObserver.NONE);
    }

    public PveHypervisorAdapter(PveClientConfig config) {
        this(config, Clock.systemUTC(), Thread::sleep);
    }

    public PveHypervisorAdapter(PveClientConfig config, Clock clock, PveTransport.Sleeper sleeper) {
        this(config, clock, sleeper, UrlPolicy.strict());
    }

    public PveHypervisorAdapter(PveClientConfig config, Clock clock, PveTransport.Sleeper sleeper,
                                UrlPolicy downloadPolicy) {
        this(config, clock, sleeper, downloadPolicy, PveCallObserver.NONE);
    }

    public PveHypervisorAdapter(PveClientConfig config, Clock clock, PveTransport.Sleeper sleeper,
                                UrlPolicy downloadPolicy, PveCallObserver callObserver) {
        this.callObserver = callObserver;
        this.downloadPolicy = downloadPolicy;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limits = new ConcurrencyLimits(config.maxRequestsPerNode(), config.maxTasksPerStorage(),
                config.queueTimeout(), config.storageLeaseMax(), clock);
        this.waiter = new TaskWaiter(config, clock, sleeper);
    }

    /** The connection for this endpoint; a changed endpoint (credentials, trust) replaces the cached one. */
    public NodeConnection connection(NodeEndpoint ep) {
        String key = ep.authority() + "/" + ep.nodeName();
        return connections.compute(key, (k, existing) -> existing != null && existing.endpoint().equals(ep)
                ? existing : new NodeConnection(ep, config, json, limits, clock, sleeper, callObserver));
    }

    public ConcurrencyLimits limits() {
        return limits;
    }

    static String storageKey(NodeEndpoint ep, String storage) {
        return ep.authority() + "/" + storage;
    }

    // ---------------------------------------------------------------- nodes

    @Override
    public NodeStatus nodeStatus(NodeEndpoint node) {
        return connection(node).node().status();
    }

    @Override
    public List<RrdPoint> nodeRrd(NodeEndpoint node, RrdTimeframe timeframe, RrdConsolidation cf) {
        return connection(node).node().rrd(timeframe, cf);
    }

    @Override
    public List<NetworkInterface> networkInterfaces(NodeEndpoint node) {
        return connection(node).node().network();
    }

    @Override
    public List<StorageInfo> storages(NodeEndpoint node, Optional<String> contentType) {
        return connection(node).storage().list(contentType);
    }

    @Override
    public StorageInfo storageStatus(NodeEndpoint node, String storage) {
        return connection(node).storage().status(storage);
    }

    @Override
    public Map<String, String> storagePaths(NodeEndpoint node) {
        return connection(node).storage().paths();
    }

    @Override
    public List<StorageContent> storageContent(NodeEndpoint node, String storage, Optional<String> contentType,
                                               Optional<Integer> vmid) {
        return connection(node).storage().content(storage, contentType, vmid);
    }

    @Override
    public Upid downloadUrl(NodeEndpoint node, DownloadUrlRequest request) {
        // The same SSRF rule as the SSH downloads, checked before anything is sent to the node. PVE resolves the
        // host again itself (it cannot be pinned here), so it gets the URL rebuilt from the checked parts.
        UrlPolicy.Target target;
        try {
            target = downloadPolicy.check(request.url());
        } catch (RefusedUrlException e) {
            throw new HypervisorException(HypervisorException.Kind.VALIDATION, "url", 0,
                    "url: " + e.getMessage() + " [" + e.reason() + "]", e);
        }
        DownloadUrlRequest checked = request.withUrl(target.url());
        return withStorageSlots(node, Set.of(checked.storage()),
                () -> connection(node).storage().downloadUrl(checked));
    }

    @Override
    public int nextFreeVmid(NodeEndpoint node) {
        return connection(node).cluster().nextId();
    }

    @Override
    public boolean isVmidFree(NodeEndpoint node, int vmid) {
        return connection(node).cluster().isFree(vmid);
    }

    @Override
    public List<ClusterResource> clusterResources(NodeEndpoint node, Optional<ClusterResource.Kind> kind) {
        return connection(node).cluster().resources(kind);
    }

    @Override
    public PveVersion version(NodeEndpoint node) {
        return connection(node).cluster().version();
    }

    @Override
    public List<String> nodeNames(NodeEndpoint node) {
        return connection(node).node().nodeNames();
    }

    @Override
    public ClusterStatus clusterStatus(NodeEndpoint node) {
        return connection(node).cluster().status();
    }

    @Override
    public NodeStatusDetails nodeStatusDetails(NodeEndpoint node) {
        return connection(node).node().statusDetails();
    }

    // ---------------------------------------------------------------- VMs

    @Override
    public Upid createVm(NodeEndpoint node, VmCreateSpec spec) {
        Set<String> storages = new LinkedHashSet<>();
        for (DiskSpec d : spec.settings().disks()) {
            if (d.storage() != null) {
                storages.add(d.storage());
            }
        }
        return withStorageSlots(node, storages, () -> connection(node).qemu().create(spec));
    }

    @Override
    public VmConfig vmConfig(NodeEndpoint node, int vmid) {
        return connection(node).qemu().config(vmid);
    }

    @Override
    public Optional<Upid> updateVmConfig(NodeEndpoint node, int vmid, VmConfigUpdate update) {
        Set<String> storages = new LinkedHashSet<>();
        for (DiskSpec d : update.settings().disks()) {
            if (d.storage() != null && (d.sizeGiB() > 0 || d.importFrom() != null)) {
                storages.add(d.storage());
            }
        }
        if (storages.isEmpty()) {
            return connection(node).qemu().updateConfig(vmid, update);
        }
        List<ConcurrencyLimits.Lease> leases = acquire(node, storages);
        try {
            Optional<Upid> upid = connection(node).qemu().updateConfig(vmid, update);
            if (upid.isPresent()) {
                limits.bindToTask(upid.get().value(), leases);
            } else {
                leases.forEach(ConcurrencyLimits.Lease::release);
            }
            return upid;
        } catch (RuntimeException e) {
            leases.forEach(ConcurrencyLimits.Lease::release);
            throw e;
        }
    }

    @Override
    public Upid deleteVm(NodeEndpoint node, int vmid) {
        Set<String> storages = storagesOf(vmConfig(node, vmid));
        return withStorageSlots(node, storages, () -> connection(node).qemu().delete(vmid));
    }

    @Override
    public VmStatus vmStatus(NodeEndpoint node, int vmid) {
        return connection(node).qemu().status(vmid);
    }

    @Override
    public Map<String, Object> vmStatusFields(NodeEndpoint node, int vmid) {
        return connection(node).qemu().statusFields(vmid);
    }

    @Override
    public Upid power(NodeEndpoint node, int vmid, PowerAction action) {
        return connection(node).qemu().power(vmid, action);
    }

    @Override
    public Upid shutdown(NodeEndpoint node, int vmid, int timeoutSeconds, boolean forceStopAfterTimeout) {
        return connection(node).qemu().shutdown(vmid, timeoutSeconds, forceStopAfterTimeout);
    }

    @Override
    public Upid resizeDisk(NodeEndpoint node, int vmid, DiskResize resize) {
        Set<String> storages = new LinkedHashSet<>();
        vmConfig(node, vmid).get(resize.disk()).flatMap(PveHypervisorAdapter::storageOfVolume)
                .ifPresent(storages::add);
        return withStorageSlots(node, storages, () -> connection(node).qemu().resize(vmid, resize));
    }

    @Override
    public List<RrdPoint> vmRrd(NodeEndpoint node, int vmid, RrdTimeframe timeframe, RrdConsolidation cf) {
        return connection(node).qemu().rrd(vmid, timeframe, cf);
    }

    @Override
    public VncProxy vncProxy(NodeEndpoint node, int vmid) {
        return connection(node).qemu().vncProxy(vmid);
    }

    @Override
    public void regenerateCloudInit(NodeEndpoint node, int vmid) {
        connection(node).qemu().regenerateCloudInit(vmid);
    }

    @Override
    public boolean agentPing(NodeEndpoint node, int vmid) {
        return connection(node).agent().ping(vmid);
    }

    @Override
    public void agentSetUserPassword(NodeEndpoint node, int vmid, String username, String password) {
        connection(node).agent().setUserPassword(vmid, username, password);
    }

    @Override
    public List<Snapshot> snapshots(NodeEndpoint node, int vmid) {
        return connection(node).snapshots().list(vmid);
    }

    @Override
    public Upid deleteSnapshot(NodeEndpoint node, int vmid, String snapshotName) {
        return connection(node).snapshots().delete(vmid, snapshotName);
    }

    // ---------------------------------------------------------------- tasks

    @Override
    public Upid cloneVm(NodeEndpoint node, int sourceVmid, CloneSpec spec) {
        // a full clone writes every disk (to the target storage, or where the source's are); a linked one little
        Set<String> storages = spec.targetStorage() != null ? Set.of(spec.targetStorage())
                : spec.full() ? storagesOf(vmConfig(node, sourceVmid)) : Set.of();
        return withStorageSlots(node, storages, () -> connection(node).qemu().clone(sourceVmid, spec));
    }

    @Override
    public Upid convertToTemplate(NodeEndpoint node, int vmid) {
        return connection(node).qemu().template(vmid);
    }

    @Override
    public TaskStatus taskStatus(NodeEndpoint node, Upid upid) {
        TaskStatus s = connection(node).tasks().status(upid);
        if (!s.running()) {
            limits.taskEnded(upid.value());
        }
        return s;
    }

    @Override
    public List<TaskLogLine> taskLogTail(NodeEndpoint node, Upid upid, int limit) {
        return connection(node).tasks().logTail(upid, limit);
    }

    @Override
    public TaskStatus awaitTask(NodeEndpoint node, Upid upid, Duration timeout) {
        return waiter.await(connection(node).tasks(), upid, timeout, u -> limits.taskEnded(u.value()));
    }

    // ---------------------------------------------------------------- TLS

    @Override
    public CertificateProbe probeCertificate(String host, int port) {
        return new CertificateProber(config.connectTimeout()).probe(host, port);
    }

    // ---------------------------------------------------------------- helpers

    private List<ConcurrencyLimits.Lease> acquire(NodeEndpoint node, Set<String> storages) {
        List<String> keys = new ArrayList<>();
        storages.forEach(s -> keys.add(storageKey(node, s)));
        return limits.acquireStorages(keys, upid -> !connection(node).tasks().status(new Upid(upid)).running());
    }

    private Upid withStorageSlots(NodeEndpoint node, Set<String> storages, Supplier<Upid> call) {
        List<ConcurrencyLimits.Lease> leases = acquire(node, storages);
        try {
            Upid upid = call.get();
            limits.bindToTask(upid.value(), leases);
            return upid;
        } catch (RuntimeException e) {
            leases.forEach(ConcurrencyLimits.Lease::release);
            throw e;
        }
    }

    static Set<String> storagesOf(VmConfig cfg) {
        Set<String> out = new LinkedHashSet<>();
        cfg.values().forEach((k, v) -> {
            if (DISK_KEY.matcher(k).matches() && !v.contains("media=cdrom")) {
                storageOfVolume(v).ifPresent(out::add);
            }
        });
        return out;
    }

    static Optional<String> storageOfVolume(String diskValue) {
        String volume = diskValue.split(",", 2)[0];
        int colon = volume.indexOf(':');
        if (colon <= 0 || volume.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(volume.substring(0, colon));
    }

}
