package com.pveams.application.service.node;

import com.pveams.application.port.in.node.NodeConnections;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.SshAuthKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Decrypts a node's secrets only to build the endpoints the outbound ports need; nothing else sees them. */
@Singleton
public class NodeConnectionService implements NodeConnections {
    private final NodeStore store;
    private final SecretCipher cipher;

    @Inject
    public NodeConnectionService(NodeStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @Override
    public NodeAccess connect(long nodeId) {
        StoredNode stored = store.load(nodeId);
        Node node = stored.node();
        return new NodeAccess(nodeId, api(stored), ssh(stored), node.vmidSpace(), node.state() == NodeState.ONLINE);
    }

    NodeEndpoint api(StoredNode stored) {
        Node node = stored.node();
        return Endpoints.api(node.connection(), node.connection().pveNodeName().value(), decrypt(stored.apiSecret()),
                node.tls());
    }

    Optional<NodeSshEndpoint> ssh(StoredNode stored) {
        Node node = stored.node();
        if (stored.sshSecret() == null || node.hostKey() == null) {
            return Optional.empty();
        }
        return Optional.of(Endpoints.ssh(node.connection(), node.connection().ssh().authKind() == SshAuthKind.PRIVATE_KEY,
                decrypt(stored.sshSecret()), node.hostKey(), node.imageDir()));
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
}
