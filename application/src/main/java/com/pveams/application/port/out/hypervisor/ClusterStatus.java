package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /cluster/status} as seen by the node that answered: the cluster's name (empty for a stand-alone node,
 * which reports only itself) and its members. Nodes of one cluster share one VMID space.
 */
public record ClusterStatus(Optional<String> clusterName, List<Member> members) {
    public ClusterStatus {
        members = List.copyOf(members);
    }

    /** One node of the cluster; {@code local} marks the node that answered. */
    public record Member(String name, boolean local, boolean online, String ip) {
    }

    /** The name of the node that answered, if it said so. */
    public Optional<String> localNode() {
        return members.stream().filter(Member::local).map(Member::name).findFirst();
    }
}
