package com.pveams.application.port.out.node;

import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.node.NodeState;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one way the application reaches a registered node: its PVE and SSH endpoints with the secrets decrypted and
 * the pins in place. Image downloads, agentless maintenance and (later) VM provisioning require it; the node slice
 * provides it ({@code service/node/NodeConnectionService}), the only place node secrets are decrypted.
 *
 * <p>An output port rather than an input port on purpose: it hands out plaintext credentials, so it must not be
 * reachable from the inbound adapters, which may use only {@code port.in} (the ArchUnit rule enforces that).
 */
public interface NodeConnections {

    /** Empty when there is no such node. */
    Optional<NodeAccess> find(long nodeId);

    /** The existing nodes among {@code nodeIds}, by id; implementations read them at once, not one by one. */
    default Map<Long, NodeAccess> findAll(Collection<Long> nodeIds) {
        Map<Long, NodeAccess> out = new HashMap<>();
        for (Long id : nodeIds) {
            find(id).ifPresent(a -> out.put(id, a));
        }
        return out;
    }

    /** @throws DomainException NODE_NOT_EXIST when there is no such node */
    default NodeAccess connect(long nodeId) {
        return find(nodeId).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST));
    }

    /**
     * @param name      the node's name in this service, for messages
     * @param api       empty when the stored PVE secret cannot be decrypted (logged, never the value)
     * @param ssh       empty when SSH is not configured, its host key was never pinned, or its secret cannot be
     *                  decrypted; confined to the node's image directory
     * @param vmidSpace nodes with the same value share one VMID space (one PVE cluster)
     */
    record NodeAccess(long nodeId, String name, NodeState state, Optional<NodeEndpoint> api,
                      Optional<NodeSshEndpoint> ssh, String vmidSpace) {

        /** False when the node is offline or disabled: callers should not start work on it. */
        public boolean online() {
            return state == NodeState.ONLINE;
        }

        /** The PVE endpoint for work that must reach PVE; a node whose secret cannot be decrypted is not available. */
        public NodeEndpoint requireApi() {
            return api.orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_AVAILABLE));
        }

        /** The SSH endpoint confined to {@code directory} (an image's own directory) instead of the node's. */
        public Optional<NodeSshEndpoint> sshIn(String directory) {
            return ssh.map(s -> new NodeSshEndpoint(s.host(), s.port(), s.username(), s.credentials(),
                    s.hostKeyFingerprint(), directory));
        }
    }
}
