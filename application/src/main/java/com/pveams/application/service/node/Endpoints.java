package com.pveams.application.service.node;

import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.PveAuthKind;
import com.pveams.domain.node.TlsPin;

/** Turns node settings plus decrypted secrets into the outbound ports' endpoints. */
final class Endpoints {
    private Endpoints() {
    }

    static NodeEndpoint api(ConnectionSettings c, String pveNodeName, String secret, TlsPin tls) {
        NodeAuth auth = c.login().kind() == PveAuthKind.TOKEN
                ? new NodeAuth.ApiToken(c.login().userId(), c.login().tokenId(), secret)
                : new NodeAuth.Password(c.login().user(), c.login().realm(), secret);
        TlsTrust trust = tls.mode() == TlsPin.Mode.CA ? TlsTrust.ca() : TlsTrust.pinned(tls.fingerprint());
        return new NodeEndpoint(c.host().value(), c.apiPort(), pveNodeName, auth, trust);
    }

    static NodeSshEndpoint ssh(ConnectionSettings c, boolean privateKey, String secret, HostKeyFingerprint key,
                               String imageDir) {
        SshCredentials credentials = privateKey ? SshCredentials.privateKey(secret, null) : SshCredentials.password(secret);
        return new NodeSshEndpoint(c.sshHost().value(), c.ssh().port(), c.ssh().username(), credentials, key.value(),
                imageDir);
    }
}
