package com.pveams.domain.vm.build;

import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.NewOperation.StepPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable operation that builds a VM on PVE after the create request wrote its row (status creating) and held
 * its VMID and addresses. The request side only starts this plan; the step handlers read everything else from the
 * VM row, so the plan carries no secrets and nothing that could disagree with the row.
 *
 * <p>Steps, in order (each idempotent, see {@code StepHandler}):
 * <ol>
 * <li>{@link #HOLD}: nothing to do; its undo removes a guest of this VM a failed define step left on PVE, then
 * gives back what the request held (addresses, VMID reservation) and marks the row deleted, so a create that fails
 * for good leaves nothing reserved and nothing on PVE.</li>
 * <li>{@link #DEFINE}: the VM on PVE with its system disk (clone of the image's template or import of the image),
 * CPU, memory, network and cloud-init; its undo destroys the VM on PVE.</li>
 * <li>{@link #DISKS}: system disk resized to the row's size with its limits, data disks added.</li>
 * <li>{@link #NETWORK}: a Linux VM with more addresses than {@code ipconfig0} carries gets them all through a
 * cloud-init network snippet ({@link GuestNetworkConfig}, {@code cicustom}).</li>
 * <li>{@link #START}: boots the VM and waits for PVE's start task.</li>
 * <li>{@link #COMMIT}: the row becomes running (and a pending guest password, if any, the guest password).</li>
 * </ol>
 * The last four are shared with the reinstall operation ({@code VM_BUILD_*}): they read the row, not the
 * operation, and do only what PVE's state still lacks.
 */
public final class ProvisioningPlan {
    public static final String CREATE = "CREATE_VM";
    public static final String HOLD = "VM_CREATE_HOLD";
    public static final String DEFINE = "VM_CREATE_DEFINE";
    public static final String DISKS = "VM_BUILD_DISKS";
    public static final String NETWORK = "VM_BUILD_NETWORK";
    public static final String START = "VM_BUILD_START";
    public static final String COMMIT = "VM_BUILD_COMMIT";

    /** PVE calls against a node that does not answer are retried this often (with backoff) before giving up. */
    static final int PVE_ATTEMPTS = 8;

    private ProvisioningPlan() {
    }

    /**
     * @param vmId  the VM row written by the request
     * @param vmid  the VMID reserved and bound to the row
     * @param vmidReservationId the reservation bound to the row, released by the undo of {@link #HOLD}
     */
    public static NewOperation create(long vmId, long nodeId, int vmid, long vmidReservationId, String requestedBy) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmid", vmid);
        params.put("vmidReservationId", vmidReservationId);
        return new NewOperation(CREATE, vmId, nodeId, params, requestedBy, null, List.of(
                StepPlan.of(HOLD),
                new StepPlan(DEFINE, PVE_ATTEMPTS),
                new StepPlan(DISKS, PVE_ATTEMPTS),
                new StepPlan(NETWORK, PVE_ATTEMPTS),
                new StepPlan(START, PVE_ATTEMPTS),
                StepPlan.of(COMMIT)));
    }
}
