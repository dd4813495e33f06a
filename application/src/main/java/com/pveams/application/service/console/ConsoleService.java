package com.pveams.application.service.console;

import com.pveams.application.config.ConsolePolicy;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.in.console.IssueConsoleUseCase;
import com.pveams.application.port.in.console.OpenConsoleUseCase;
import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.application.port.out.console.ConsoleFrontEnds;
import com.pveams.application.port.out.console.ConsoleRelay;
import com.pveams.application.port.out.console.ConsoleSessions.Claimed;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VncProxy;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.vm.VmReader;
import com.pveams.application.port.out.vm.VmReader.StoredVm;
import com.pveams.domain.console.ConsoleAdmission;
import com.pveams.domain.console.ConsoleToken;
import com.pveams.domain.console.ConsoleUrl;
import com.pveams.domain.console.VncController;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.paging.Page;
import com.pveams.domain.vm.VmState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser console: tokens for {@code getVnc}, and opening a console for a token. PVE is asked outside any
 * transaction; the token's claim is its own transaction, so a refused or failed open still used the token up.
 */
@Singleton
public class ConsoleService implements IssueConsoleUseCase, OpenConsoleUseCase {
    static final String DEFAULT_FRONT_END = "default";
    private static final System.Logger LOG = System.getLogger(ConsoleService.class.getName());

    private final VmReader vms;
    private final NodeConnections nodes;
    private final HypervisorVms pve;
    private final ConsoleFrontEnds frontEnds;
    private final ConsoleSessionTransactions sessions;
    private final OpenConsoles open;
    private final ConsoleRelay relay;
    private final SystemSettingsUseCase settings;
    private final ConsolePolicy policy;
    private final Clock clock;

    @Inject
    public ConsoleService(VmReader vms, NodeConnections nodes, HypervisorVms pve, ConsoleFrontEnds frontEnds,
                          ConsoleSessionTransactions sessions, OpenConsoles open, ConsoleRelay relay,
                          SystemSettingsUseCase settings, ConsolePolicy policy, Clock clock) {
        this.vms = vms;
        this.nodes = nodes;
        this.pve = pve;
        this.frontEnds = frontEnds;
        this.sessions = sessions;
        this.open = open;
        this.relay = relay;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Page<Map<String, String>> issue(IssueConsole c) {
        StoredVm vm = live(c.hostId());
        ConsoleAdmission.admitStored(VmState.stored(vm.status()));
        NodeEndpoint ep = nodes.connect(vm.nodeId()).requireApi();
        boolean running;
        try {
            running = pve.vmStatus(ep, vm.vmid()).running();
        } catch (HypervisorException e) {
            if (e.kind() != HypervisorException.Kind.NOT_FOUND) {
                throw unreachable(vm, e);
            }
            running = false;
        }
        ConsoleAdmission.admitLive(running);

        ConsoleToken token = ConsoleToken.generate();
        Page<VncController> page = frontEnds.active(c.page());
        Map<String, String> urls = new LinkedHashMap<>();
        long total = page.total();
        if (total == 0) {
            URI base = policy.publicUrl().map(URI::create)
                    .orElseThrow(() -> new DomainException(ErrorCode.VNC_NODE_NOT_EXIST));
            urls.put(DEFAULT_FRONT_END, ConsoleUrl.of(base, vm.id(), token));
            total = 1;
        } else {
            page.records().forEach(f -> urls.put(f.name(), ConsoleUrl.of(f, vm.id(), token)));
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.ofMinutes(settings.settings().vncSessionMinutes());
        sessions.replace(vm.id(), token.hash(), now, now.plus(lifetime), c.requestedBy());
        return new Page<>(urls.isEmpty() ? List.of() : List.of(urls), total, c.page().page(), c.page().size());
    }

    @Override
    public void revoke(RevokeConsole c) {
        live(c.hostId());
        sessions.revokeActive(c.hostId());
        open.closeVm(c.hostId(), "revoked by updateVncPassword");
    }

    @Override
    public Opened open(OpenConsole c, ConsoleEnd viewer) {
        ConsoleToken token = ConsoleToken.parse(c.token())
                .orElseThrow(() -> new DomainException(ErrorCode.AUTH_FAILED));
        Claimed claimed = sessions.claim(c.hostId(), token.hash(), clock.instant())
                .orElseThrow(() -> new DomainException(ErrorCode.AUTH_FAILED));
        try {
            StoredVm vm = live(claimed.vmId());
            ConsoleAdmission.admitStored(VmState.stored(vm.status()));
            NodeEndpoint ep = nodes.connect(vm.nodeId()).requireApi();
            VncProxy proxy;
            try {
                proxy = pve.vncProxy(ep, vm.vmid());
            } catch (HypervisorException e) {
                throw e.httpStatus() == 500 ? new DomainException(ErrorCode.VM_IS_NOT_RUNNING) : unreachable(vm, e);
            }
            // vncTime bounds the open console too, counted from now: the link stops working, a new getVnc goes on
            Duration lifetime = Duration.ofMinutes(settings.settings().vncSessionMinutes());
            OpenConsoles.Console console = open.prepare(claimed.sessionId(), vm.id(), vm.vmid(),
                    claimed.requestedBy(), c.clientAddress(), policy.idleTimeout(), lifetime, viewer);
            ConsoleEnd pveEnd;
            try {
                pveEnd = relay.connect(ep, vm.vmid(), proxy, console.towardsViewer(),
                        () -> console.close("closed by PVE"));
            } catch (HypervisorException e) {
                throw unreachable(vm, e);
            }
            console.attach(pveEnd);
            open.register(console);
            return new Opened(console.towardsPve());
        } catch (RuntimeException e) {
            sessions.closed(claimed.sessionId(), clock.instant());
            throw e;
        }
    }

    @Override
    public int closeEnded() {
        return open.closeEnded();
    }

    @Override
    public int openCount() {
        return open.count();
    }

    private StoredVm live(long hostId) {
        return vms.byId(hostId).filter(v -> v.deleteState() == 0 && v.nodeId() != null)
                .orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    private static DomainException unreachable(StoredVm vm, HypervisorException e) {
        LOG.log(System.Logger.Level.WARNING, "console of VM " + vm.id() + ": PVE failed: " + e.kind() + " "
                + e.getMessage());
        return new DomainException(ErrorCode.CREATE_VNC_CONNECTION);
    }
}
