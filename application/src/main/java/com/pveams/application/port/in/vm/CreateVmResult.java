package com.pveams.application.port.in.vm;

import java.time.Instant;
import java.util.Map;

/**
 * A created VM as its row holds it, with the guest password in clear for the creator (the legacy answered it).
 *
 * @param cpuUnits       PVE {@code cpuunits} as stored
 * @param bwlimitKbps    PVE {@code bwlimit} (KiB/s)
 * @param dataDisk       the {@code DataDisks} JSON text
 * @param ipConfig       slot → PVE {@code ipconfigN}
 * @param status         the VM's status code (6 creating until the build ended)
 * @param operationId    the create operation, null when unknown (a repeated request)
 * @param repeated       the {@code Idempotency-Key} named an earlier create: nothing new was made
 */
public record CreateVmResult(long hostId, long nodeId, int vmid, String hostname, Long flavourId, int sockets,
                             int cores, int threads, boolean nested, boolean devirtualization, boolean kvm,
                             Long cpuModelId, Long modelGroupId, String cpu, int cpuUnits, int bwlimitKbps,
                             String args, String arch, boolean acpi, int memoryMb, String storage, int systemDiskGb,
                             String dataDisk, String bridge, Map<String, String> ipConfig, String dns1,
                             String osFileName, String osName, String osType, boolean onBoot, int bandwidthMbps,
                             String username, String password, int status, Instant expiresAt, long flowLimitBytes,
                             boolean nat, Long operationId, boolean repeated) {
}
