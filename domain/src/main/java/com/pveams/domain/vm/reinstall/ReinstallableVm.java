package com.pveams.domain.vm.reinstall;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.NewOperation.StepPlan;
import com.pveams.domain.vm.DeleteState;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.build.ProvisioningPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM row as the reinstall sees it, and the reinstall's rules (legacy §6.3, its bugs fixed): who may be
 * reinstalled, what the row becomes, and the durable operation that does it. Vmid, addresses, MAC and hardware are
 * kept: only the system disk (and optionally the data disks) and the guest login change.
 *
 * @param osType  the row's {@code os_type}: the family of the image it was last installed from
 * @param storage where the VM's disks are ({@code vm.storage}); the new system disk goes there
 */
public record ReinstallableVm(long id, Long nodeId, int vmid, VmState state, DeleteState deleteState, String osType,
                              String guestUsername, String storage) {
    public static final String REINSTALL = "REINSTALL_VM";
    public static final String BEGIN = "VM_REINSTALL_BEGIN";
    public static final String STOP = "VM_REINSTALL_STOP";
    public static final String DISKS = "VM_REINSTALL_DISKS";
    public static final String CLOUDINIT = "VM_REINSTALL_CLOUDINIT";

    /** PVE calls against a node that does not answer are retried this often (with backoff) before giving up. */
    static final int PVE_ATTEMPTS = 8;

    public ReinstallableVm {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deleteState, "deleteState");
    }

    /** Legacy refusals: unknown 1016, paused by an admin 1018, expired 1021, creating or reinstalling 1042. */
    public void requireReinstallable() {
        if (deleteState != DeleteState.LIVE || nodeId == null) {
            throw new DomainException(ErrorCode.VM_NOT_EXIST);
        }
        switch (state) {
            case PAUSED -> throw new DomainException(ErrorCode.VM_IS_DISABLED);
            case EXPIRED -> throw new DomainException(ErrorCode.VM_IS_EXPIRED);
            case CREATING, REINSTALLING -> throw new DomainException(ErrorCode.VM_IS_INSTALLOS);
            default -> {
            }
        }
    }

    /** Snapshots would pin the old disk (PVE refuses to drop a volume a snapshot uses): 1044 while any exists. */
    public static void requireNoSnapshots(List<String> snapshotNames) {
        if (snapshotNames.stream().anyMatch(n -> !"current".equals(n))) {
            throw new DomainException(ErrorCode.VM_HAS_SNAPSHOT);
        }
    }

    /**
     * The reinstall: the row's new image columns and login, and the operation. The login is reset to the new
     * family's default when the family changes (Linux ↔ Windows), else kept. The password is not here: it waits
     * encrypted in the row ({@code pending_guest_password_enc}), never in the operation.
     *
     * @param now           the disks PVE has now (read when the request was accepted)
     * @param importFrom    the image's file on the node ({@link ReinstallImage#importSource})
     */
    public Reinstall reinstall(ReinstallImage image, String importFrom, DiskLayout now, boolean resetDataDisk,
                               String requestedBy) {
        requireReinstallable();
        String username = image.kind().code().equals(osType) ? guestUsername : image.defaultUsername();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmid", vmid);
        params.put("resetDataDisk", resetDataDisk);
        params.put("storage", storage);
        params.put("importFrom", importFrom);
        now.systemVolume().ifPresent(v -> params.put("systemVolume", v));
        params.put("dataVolumes", resetDataDisk ? new LinkedHashMap<>(now.dataVolumes()) : Map.of());
        params.put("username", username);
        params.put("ostype", image.pveOsType());
        params.put("citype", image.cloudInitType());
        NewOperation operation = new NewOperation(REINSTALL, id, nodeId, params, requestedBy, null, List.of(
                StepPlan.of(BEGIN),
                new StepPlan(STOP, PVE_ATTEMPTS),
                new StepPlan(DISKS, PVE_ATTEMPTS),
                new StepPlan(CLOUDINIT, PVE_ATTEMPTS),
                new StepPlan(ProvisioningPlan.DISKS, PVE_ATTEMPTS),
                new StepPlan(ProvisioningPlan.NETWORK, PVE_ATTEMPTS),
                new StepPlan(ProvisioningPlan.START, PVE_ATTEMPTS),
                StepPlan.of(ProvisioningPlan.COMMIT)));
        return new Reinstall(id, image.id(), image.fileName(), image.name(), image.kind().code(), username, operation);
    }

    /** The disk work of a reinstall operation, from its parameters. */
    @SuppressWarnings("unchecked")
    public static DiskReplacement diskReplacement(Map<String, Object> params) {
        Map<String, String> data = new LinkedHashMap<>();
        Object raw = params.get("dataVolumes");
        if (raw instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
        }
        Object system = params.get("systemVolume");
        return new DiskReplacement(system == null ? null : system.toString(), data,
                String.valueOf(params.get("importFrom")));
    }

    /**
     * What an accepted reinstall writes to the row, besides status 13 (reinstalling) and the pending password.
     *
     * @param osType the image family ({@code linux}/{@code windows}), as {@code vm.os_type} stores it
     */
    public record Reinstall(long vmId, long imageId, String osFileName, String osName, String osType,
                            String guestUsername, NewOperation operation) {
    }
}
