package com.pveams.application.service.node;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.SshAuthKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Decrypts a node's secrets only to build the endpoints the outbound ports need; nothing else sees them. The node
 * services use the throwing {@link #api}/{@link #ssh} (an admin acting on one node wants to hear why it cannot be
 * reached); other slices get {@link NodeConnections}, where an unreadable secret closes only that way to the node.
 */
@Singleton
public class NodeConnectionService implements NodeConnections {
    private static final Logger LOG = Logger.getLogger(NodeConnectionService.class.getName());

    private final NodeStore store;
    private final SecretCipher cipher;
    private final NodeAccessCache cache;

    @Inject
    public NodeConnectionService(NodeStore store, SecretCipher cipher, NodeAccessCache cache) {
        this.store = store;
        this.cipher = cipher;
        this.cache = cache;
    }

    /** From memory when a recent copy is known (see {@link NodeAccessCache}), else read and decrypted. */
    @Override
    public Optional<NodeAccess> find(long nodeId) {
        return Optional.ofNullable(cache.getAll(List.of(nodeId), this::read).get(nodeId));
    }

    /** One read for all those not in memory: a VM list page asks for up to its size in nodes. */
    @Override
    public Map<Long, NodeAccess> findAll(Collection<Long> nodeIds) {
        return nodeIds.isEmpty() ? new HashMap<>() : new HashMap<>(cache.getAll(nodeIds, this::read));
    }

    private Map<Long, NodeAccess> read(Collection<Long> nodeIds) {
        Map<Long, NodeAccess> out = new HashMap<>();
        store.findAll(nodeIds).forEach(stored -> out.put(stored.node().id(), access(stored, stored.node().id())));
        return out;
    }

    private NodeAccess access(StoredNode stored, long nodeId) {
        Node node = stored.node();
        Optional<NodeEndpoint> api = readable(stored.apiSecret(), nodeId, "api_secret_enc").map(s -> api(node, s));
        Optional<NodeSshEndpoint> ssh = sshConfigured(stored)
                ? readable(stored.sshSecret(), nodeId, "ssh_secret_enc").map(s -> ssh(node, s)) : Optional.empty();
        return new NodeAccess(nodeId, node.name().value(), node.state(), api, ssh, node.vmidSpace());
    }

    /** @throws DomainException when the stored secret cannot be decrypted */
    NodeEndpoint api(StoredNode stored) {
        return api(stored.node(), decrypt(stored.apiSecret()));
    }

    /**
     * Empty when SSH is not configured or its host key was never pinned: no blind connections.
     *
     * @throws DomainException when the stored secret cannot be decrypted
     */
    Optional<NodeSshEndpoint> ssh(StoredNode stored) {
        return sshConfigured(stored) ? Optional.of(ssh(stored.node(), decrypt(stored.sshSecret()))) : Optional.empty();
    }

    String decrypt(byte[] ciphertext) {
        try {
            return cipher.decrypt(ciphertext);
        } catch (UndecryptableSecretException e) {
            // the key that wrote it is missing (ams.secrets.previous-keys) or the value was tampered with
            throw DomainException.failure("节点凭据无法解密，请检查密钥配置或重新填写密码",
                    "The node's stored credentials cannot be decrypted: check the secrets keys or enter them again");
        }
    }

    byte[] encrypt(String plaintext) {
        return cipher.encrypt(plaintext);
    }

    private static boolean sshConfigured(StoredNode stored) {
        return stored.sshSecret() != null && stored.node().hostKey() != null;
    }

    private static NodeEndpoint api(Node node, String secret) {
        return Endpoints.api(node.connection(), node.connection().pveNodeName().value(), secret, node.tls());
    }

    private static NodeSshEndpoint ssh(Node node, String secret) {
        return Endpoints.ssh(node.connection(), node.connection().ssh().authKind() == SshAuthKind.PRIVATE_KEY, secret,
                node.hostKey(), node.imageDir());
    }

    /** Empty (and logged with the reason and key id, never the value) when the secret cannot be decrypted. */
    private Optional<String> readable(byte[] ciphertext, long nodeId, String column) {
        try {
            return Optional.of(cipher.decrypt(ciphertext));
        } catch (UndecryptableSecretException e) {
            LOG.warning(() -> "Cannot decrypt " + column + " of node " + nodeId + " (" + e.getMessage()
                    + "); that way to the node is unavailable");
            return Optional.empty();
        }
    }
}
