package com.pveams.application.service.node;

import com.pveams.application.port.in.node.NodeView;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.Node;

/** The listing view of a stored node: settings and health, never secrets. */
final class NodeViews {
    private NodeViews() {
    }

    static NodeView of(StoredNode stored) {
        Node n = stored.node();
        ConnectionSettings c = n.connection();
        return new NodeView(n.id(), n.name().value(), n.regionId(), c.host().value(), c.apiPort(),
                c.pveNodeName().value(), c.login().kind().name(), c.login().user(), c.login().realm(),
                c.login().tokenId(), n.tls().mode().name(), n.tls().fingerprint(),
                c.ssh().host() == null ? null : c.ssh().host().value(), c.ssh().port(), c.ssh().username(),
                c.ssh().authKind().name(), n.hostKey() == null ? null : n.hostKey().value(), n.clusterName(),
                n.state().code(), n.shellState() == null ? null : n.shellState().code(), n.nat().enabled(),
                n.nat().bridge(), n.nat().publicAddress(), stored.natPoolId() == null ? 0 : stored.natPoolId(),
                n.imageDir(), n.backupStorage(), n.autoStorage(), n.createdAt());
    }
}
