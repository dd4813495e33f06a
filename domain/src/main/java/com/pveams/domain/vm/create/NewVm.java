package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a new {@code vm} row holds, resolved: the step handlers that build the VM on PVE read only the row, so
 * nothing here is left to be decided later ({@code storage} is never {@code auto}, {@code args} is complete).
 * The addresses, {@code ip_config} and {@code dns1} follow once the row exists ({@link VmNetwork}).
 *
 * @param hostname       the claimed hostname, or null: the VM is then named after its first address
 * @param args           the rendered QEMU args ({@link CpuArgs}), null without a CPU model or model group
 * @param flowLimitBytes traffic quota, 0 = unlimited
 * @param idempotencyKey the stored form of the request's key, or null
 */
public record NewVm(long nodeId, String hostname, Long flavourId, VmHardware hardware, String args,
                    ImageFacts image, GuestSetup guest, String bridge, boolean nat, long flowLimitBytes,
                    Instant expiresAt, String idempotencyKey) {
    public static final long GIB = 1024L * 1024 * 1024;
    /** The quota in GB that still fits the column in bytes. */
    public static final long MAX_FLOW_LIMIT_GB = Long.MAX_VALUE / GIB;

    public NewVm {
        Objects.requireNonNull(hardware);
        Objects.requireNonNull(image);
        Objects.requireNonNull(guest);
        Objects.requireNonNull(bridge);
        Objects.requireNonNull(expiresAt);
    }

    /** The request's {@code flowLimit} (GB): null is 0 (unlimited) instead of the legacy's silent failure. */
    public static long flowLimitBytes(Long gb) {
        if (gb == null) {
            return 0;
        }
        if (gb < 0 || gb > MAX_FLOW_LIMIT_GB) {
            throw DomainException.invalid("flowLimit", "必须在 0 到 " + MAX_FLOW_LIMIT_GB + " GB 之间",
                    "must be between 0 and " + MAX_FLOW_LIMIT_GB + " GB");
        }
        return gb * GIB;
    }

    /** A name the row holds until its addresses give it one (the name then claimed replaces it). */
    public String hostnameOrPlaceholder(int vmid) {
        return hostname != null ? hostname : "creating-" + nodeId + "-" + vmid;
    }
}
