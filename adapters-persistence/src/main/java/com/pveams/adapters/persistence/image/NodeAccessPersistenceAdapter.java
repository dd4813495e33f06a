package com.pveams.adapters.persistence.image;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.image.NodeAccess;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads a {@code node} row and decrypts its secrets for the image downloads. A secret that cannot be decrypted
 * (unknown key, tampered value) makes that way to the node unavailable, logged with the node id, never the value.
 * The node-management slice reads the same rows its own way; the two should become one port.
 */
@ApplicationScoped
public class NodeAccessPersistenceAdapter implements NodeAccess {
    private static final Logger LOG = Logger.getLogger(NodeAccessPersistenceAdapter.class);

    private final DataSource dataSource;
    private final SecretCipher cipher;

    @Inject
    public NodeAccessPersistenceAdapter(DataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    @Override
    public Optional<NodeTarget> find(long nodeId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, host, api_port, pve_node_name, auth_mode, realm, username, token_id, api_secret_enc,"
                        + " tls_trust_mode, tls_fingerprint, ssh_host, ssh_port, ssh_username, ssh_auth_mode,"
                        + " ssh_secret_enc, ssh_host_key_fingerprint, status, image_dir FROM node WHERE id = ?")) {
            ps.setLong(1, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new NodeTarget(rs.getLong("id"), rs.getString("name"), rs.getShort("status"),
                        pve(rs), ssh(rs)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read node " + nodeId, e);
        }
    }

    private Optional<NodeEndpoint> pve(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Optional<String> secret = decrypt(rs.getBytes("api_secret_enc"), id, "api_secret_enc");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String realm = rs.getString("realm");
        NodeAuth auth = "TOKEN".equals(rs.getString("auth_mode"))
                ? new NodeAuth.ApiToken(rs.getString("username") + "@" + realm, rs.getString("token_id"), secret.get())
                : new NodeAuth.Password(rs.getString("username"), realm, secret.get());
        TlsTrust tls = "PINNED".equals(rs.getString("tls_trust_mode"))
                ? TlsTrust.pinned(rs.getString("tls_fingerprint")) : TlsTrust.ca();
        return Optional.of(new NodeEndpoint(rs.getString("host"), rs.getInt("api_port"), rs.getString("pve_node_name"),
                auth, tls));
    }

    private Optional<NodeSshEndpoint> ssh(ResultSet rs) throws SQLException {
        byte[] enc = rs.getBytes("ssh_secret_enc");
        String hostKey = rs.getString("ssh_host_key_fingerprint");
        if (enc == null || hostKey == null) {
            return Optional.empty(); // not configured, or its host key never pinned: no blind connections
        }
        Optional<String> secret = decrypt(enc, rs.getLong("id"), "ssh_secret_enc");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        SshCredentials credentials = "PRIVATE_KEY".equals(rs.getString("ssh_auth_mode"))
                ? SshCredentials.privateKey(secret.get(), null) : SshCredentials.password(secret.get());
        String host = rs.getString("ssh_host");
        return Optional.of(new NodeSshEndpoint(host == null ? rs.getString("host") : host, rs.getInt("ssh_port"),
                rs.getString("ssh_username"), credentials, hostKey, rs.getString("image_dir")));
    }

    private Optional<String> decrypt(byte[] value, long nodeId, String column) {
        try {
            return Optional.of(cipher.decrypt(value));
        } catch (UndecryptableSecretException e) {
            LOG.warnf("Cannot decrypt %s of node %d (%s); that way to the node is unavailable", column, nodeId, e.getMessage());
            return Optional.empty();
        }
    }
}
