package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.in.vm.ResetGuestPasswordUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.domain.vm.ManagedVm;
import com.pveams.domain.vm.PasswordResetMethod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Chooses the way (a guest agent that answers now, else cloud-init) and starts the reset. The agent is asked
 * outside any transaction, so a slow node holds no database connection.
 */
@Singleton
public class GuestPasswordService implements ResetGuestPasswordUseCase {
    private static final System.Logger LOG = System.getLogger(GuestPasswordService.class.getName());

    private final VmLifecycleWrites writes;
    private final NodeConnections nodes;
    private final HypervisorVms vms;
    private final SecretCipher cipher;

    @Inject
    public GuestPasswordService(VmLifecycleWrites writes, NodeConnections nodes, HypervisorVms vms,
                                SecretCipher cipher) {
        this.writes = writes;
        this.nodes = nodes;
        this.vms = vms;
        this.cipher = cipher;
    }

    @Override
    public Accepted reset(ResetGuestPassword command) {
        ManagedVm vm = writes.read(command.hostId());
        vm.requirePasswordResettable();
        PasswordResetMethod method = vm.passwordResetMethod(vm.agent() && agentAnswers(vm));
        long operation = writes.startPasswordReset(vm.id(), method, cipher.encrypt(command.password().reveal()),
                command.requestedBy());
        return new Accepted(vm.id(), operation, method);
    }

    /** Any failure to ask (node down, agent not configured or not running) means: not the agent. */
    private boolean agentAnswers(ManagedVm vm) {
        try {
            var node = nodes.connect(vm.nodeId());
            return node.online() && node.api().isPresent() && vms.agentPing(node.api().get(), vm.vmid());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Guest agent of VM " + vm.id() + " not reachable: " + e);
            return false;
        }
    }
}
