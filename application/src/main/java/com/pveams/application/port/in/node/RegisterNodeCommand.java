package com.pveams.application.port.in.node;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.NodeStorage;
import com.pveams.domain.node.Ports;
import com.pveams.domain.node.PveLogin;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.SecretInput;
import com.pveams.domain.node.SshAuthKind;
import com.pveams.domain.node.SshSettings;
import com.pveams.domain.node.TlsPin;

import java.util.Objects;

/**
 * A validated node registration. The PVE node name may be missing (it is then detected); everything else is
 * checked here, so a bad form is refused before the node is contacted.
 */
public record RegisterNodeCommand(String name, Long regionId, ConnectionSettings connection, String apiSecret,
                                  String sshSecret, String expectedTlsFingerprint, HostKeyFingerprint expectedHostKey,
                                  NodeState requestedState, String imageDir, String backupStorage) {

    public RegisterNodeCommand {
        Objects.requireNonNull(connection, "connection");
        if (apiSecret == null || apiSecret.isEmpty()) {
            throw DomainException.required("password");
        }
        if (sshSecret == null || sshSecret.isEmpty()) {
            throw DomainException.required("sshPassword");
        }
    }

    public static RegisterNodeCommand of(NodeForm form) {
        if (form == null) {
            throw DomainException.required("body");
        }
        HostAddress host = HostAddress.of(form.host(), "host");
        int port = Ports.orDefault(form.port(), ConnectionSettings.DEFAULT_API_PORT, "port");
        PveLogin login = PveLogin.of(form.username(), form.realm(), form.tokenId());
        boolean key = form.sshPrivateKey() != null && !form.sshPrivateKey().isBlank();
        SshSettings ssh = SshSettings.of(form.sshHost(), form.sshPort(), form.sshUsername(),
                key ? SshAuthKind.PRIVATE_KEY : SshAuthKind.PASSWORD);
        String apiSecret = secret(form.password(), "password");
        String sshSecret = key ? form.sshPrivateKey() : secret(form.sshPassword(), "sshPassword");
        if (form.area() != null && form.area() < 1) {
            throw DomainException.invalid("area", "必须是正整数", "must be a positive integer");
        }
        return new RegisterNodeCommand(form.name() == null || form.name().isBlank() ? null : form.name().strip(),
                form.area(), new ConnectionSettings(host, port, PveNodeName.optional(form.nodeName(), "nodeName"), login, ssh),
                apiSecret, sshSecret, TlsPin.parseFingerprint(form.tlsFingerprint(), "tlsFingerprint"),
                HostKeyFingerprint.optional(form.sshHostKey(), "sshHostKey"), NodeState.requestedByAdmin(form.status()),
                NodeStorage.imageDir(form.imageDir(), null), NodeStorage.storageId(form.backupStorage(), "backupStorage"));
    }

    /** A new node has no stored secret to keep: the mask or nothing is a missing value. */
    private static String secret(String raw, String field) {
        if (!SecretInput.of(raw).replaces()) {
            throw DomainException.required(field);
        }
        return raw;
    }

    @Override
    public String toString() {
        return "RegisterNodeCommand[" + name + ", " + connection + "]";
    }
}
