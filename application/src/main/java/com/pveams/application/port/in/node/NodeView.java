package com.pveams.application.port.in.node;

import java.time.Instant;

/**
 * A node as listings show it. It carries no secret: where the legacy list had passwords, the REST adapter shows
 * the mask.
 *
 * @param status           0 online, 1 offline, 2 disabled
 * @param controllerStatus 0 SSH reachable, 1 unreachable, null not checked yet
 * @param cluster          the PVE cluster's name, null for a stand-alone node
 * @param natPoolId        id of the node's NAT pool, 0 when none
 */
public record NodeView(long id, String name, Long regionId, String host, int apiPort, String pveNodeName,
                       String authKind, String username, String realm, String tokenId, String tlsTrust,
                       String tlsFingerprint, String sshHost, int sshPort, String sshUsername, String sshAuthKind,
                       String sshHostKey, String cluster, int status, Integer controllerStatus, boolean natEnabled,
                       String natBridge, String natAddress, long natPoolId, String imageDir, String backupStorage,
                       String autoStorage, Instant createdAt) {
}
