package com.pveams.application.service.vm.reinstall;

import com.pveams.application.port.in.vm.ReinstallVmUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.Snapshot;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.reinstall.DiskLayout;
import com.pveams.domain.vm.reinstall.ReinstallImage;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Accepts a reinstall: checks the row, the image on the VM's node and PVE's snapshots and disks (outside any
 * transaction, so a slow node holds no database connection), then starts the operation in one transaction that
 * checks the row again.
 */
@Singleton
public class VmReinstallService implements ReinstallVmUseCase {
    private final VmReinstallWrites writes;
    private final NodeConnections nodes;
    private final HypervisorVms vms;
    private final SecretCipher cipher;

    @Inject
    public VmReinstallService(VmReinstallWrites writes, NodeConnections nodes, HypervisorVms vms, SecretCipher cipher) {
        this.writes = writes;
        this.nodes = nodes;
        this.vms = vms;
        this.cipher = cipher;
    }

    @Override
    public Accepted reinstall(ReinstallVm command) {
        ReinstallableVm vm = writes.read(command.hostId());
        vm.requireReinstallable();
        ReinstallImage image = writes.image(command.image(), vm.nodeId());
        var node = nodes.connect(vm.nodeId());
        if (!node.online()) {
            throw new DomainException(ErrorCode.NODE_NOT_AVAILABLE);
        }
        NodeEndpoint api = node.requireApi();
        String importFrom = image.importSource(rootPasswordLogin(api));
        DiskLayout disks = currentDisks(api, vm);
        byte[] pending = command.newPassword().map(p -> cipher.encrypt(p.reveal())).orElse(null);
        long operation = writes.start(vm.id(), image, importFrom, disks, command.resetDataDisk(), pending,
                command.requestedBy());
        return new Accepted(vm.id(), operation);
    }

    /** PVE lets only {@code root@pam} with a ticket (not a token, not even root's) import from a path. */
    private static boolean rootPasswordLogin(NodeEndpoint api) {
        return api.auth() instanceof NodeAuth.Password p && "root@pam".equals(p.userId());
    }

    /** Refuses a VM with snapshots (1044) before anything changes; the disks as they are, to replace by id. */
    private DiskLayout currentDisks(NodeEndpoint api, ReinstallableVm vm) {
        try {
            ReinstallableVm.requireNoSnapshots(vms.snapshots(api, vm.vmid()).stream().map(Snapshot::name).toList());
            return DiskLayout.of(vms.vmConfig(api, vm.vmid()).values());
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                throw new DomainException(ErrorCode.VM_NOT_EXIST, null, "PVE 上没有这台虚拟机",
                        "the VM does not exist on its PVE node");
            }
            throw new DomainException(ErrorCode.NODE_NOT_AVAILABLE);
        }
    }
}
