package com.pveams.application.port.out.image;

import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;

import java.util.Optional;

/**
 * How the image slice reaches a node: the node row with its secrets decrypted. Narrow on purpose; the node
 * management slice has its own view of nodes, and the two should become one port.
 */
public interface NodeAccess {
    Optional<NodeTarget> find(long nodeId);

    /**
     * @param status 0 online, 1 offline, 2 disabled
     * @param pve    empty when the stored credentials cannot be decrypted
     * @param ssh    empty when SSH is not configured, its host key not pinned, or its secret cannot be decrypted
     */
    record NodeTarget(long id, String name, int status, Optional<NodeEndpoint> pve, Optional<NodeSshEndpoint> ssh) {
        public boolean online() {
            return status == 0;
        }

        /** The SSH endpoint confined to {@code directory} (the image's own directory on the node). */
        public Optional<NodeSshEndpoint> sshIn(String directory) {
            return ssh.map(s -> new NodeSshEndpoint(s.host(), s.port(), s.username(), s.credentials(),
                    s.hostKeyFingerprint(), directory));
        }
    }
}
