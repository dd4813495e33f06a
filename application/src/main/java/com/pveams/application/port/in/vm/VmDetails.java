package com.pveams.application.port.in.vm;

import com.pveams.application.port.in.vm.VmQuery.RrdRow;
import com.pveams.domain.vm.GuestNetwork.AddressEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A VM as the legacy {@code VmHostDto}: the stored host, its image, node and region names, PVE's live status and,
 * for the info endpoints, RRD history ({@code null} in lists).
 */
public record VmDetails(Host vmhost, Os os, String nodeName, String area, Live current, List<RrdRow> rrd) {

    /**
     * The stored VM. {@code password} is null unless an admin asked for one VM and it could be decrypted;
     * {@code dataDisk} is the stored slot map.
     */
    public record Host(long id, Long nodeId, int vmid, String hostname, Long flavourId, int sockets, int cores,
                       int threads, boolean devirtualization, boolean kvm, Long cpuModelId, Long modelGroupId,
                       String cpu, int cpuUnits, int bwlimitKbps, String args, String arch, boolean acpi,
                       int memoryMb, boolean agent, String username, String password, String osFileName,
                       String osName, String osType, boolean onBoot, int bandwidthMbps, String storage,
                       int systemDiskGb, Map<String, Object> dataDisk, String bridge, Map<String, String> ipConfig,
                       List<AddressEntry> ipData, List<String> ipList, boolean nested, boolean nat, int natRuleLimit,
                       int status, int deleteState, Instant createdAt, Instant expiresAt) {
    }

    /** The image row the VM was built from; when it was deleted since, only the VM's own copy (id null). */
    public record Os(Long id, String name, String fileName, String type, String arch, String osType,
                     Integer downloadType, String url, String path, Boolean cloudInit, Integer status,
                     Instant createdAt) {
    }

    /**
     * PVE's {@code status/current} as PVE sent it ({@code live}), or, when it could not be had in time, a stand-in
     * built from the stored row with PVE's own word for an unknown state ({@code status: "unknown"}) and
     * {@code problem} saying why.
     */
    public record Live(boolean live, LiveProblem problem, Map<String, Object> data) {
    }

    public enum LiveProblem {
        /** the node is offline or disabled in the inventory: not asked */
        NODE_OFFLINE,
        /** the node refused, failed TLS or authentication, or failed moments ago (not asked again yet) */
        NODE_UNREACHABLE,
        /** no answer within {@code ams.vm.live-timeout} */
        TIMEOUT,
        /** not asked: {@code ams.vm.live-node-backlog} calls to the node are already queued or running */
        NODE_BUSY,
        /** the node answered that the VM does not exist */
        VM_MISSING,
        /** any other failure of the call */
        FAILED
    }
}
