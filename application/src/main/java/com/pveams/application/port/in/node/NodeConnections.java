package com.pveams.application.port.in.node;

import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;

import java.util.Optional;

/**
 * How other parts of the application (image downloads, agentless maintenance, VM provisioning) reach a node:
 * its PVE endpoint and SSH endpoint with the secrets decrypted and the pins in place. Never exposed over HTTP.
 */
public interface NodeConnections {

    /** @throws com.pveams.domain.error.DomainException NODE_NOT_EXIST when there is no such node */
    NodeAccess connect(long nodeId);

    /**
     * @param vmidSpace nodes with the same value share one VMID space (one PVE cluster)
     * @param online    false when the node is offline or disabled: callers should not start work on it
     */
    record NodeAccess(long nodeId, NodeEndpoint api, Optional<NodeSshEndpoint> ssh, String vmidSpace, boolean online) {
    }
}
