package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.vm.VmPowerAction;

/**
 * Power actions on a VM ({@code power/{hostId}/{action}}, admin and public), each run as a durable operation.
 * The answer comes once the operation is accepted: the VM then shows the transitional status (starting,
 * stopping…) until PVE did it, as the legacy showed.
 */
public interface PowerVmUseCase {

    /**
     * @return the started operation's id
     * @throws DomainException ERROR (20400 虚拟机不存在, the legacy power controller's answer) for an unknown or deleted
     *                         VM, VM_IS_INSTALLOS, VM_IS_DISABLED, VM_IS_EXPIRED, VM_OPERATION_IN_PROGRESS
     */
    long power(PowerVmCommand command);

    /**
     * @param pauseInfo why an admin paused the VM (admin {@code pause} only; kept in {@code pause_info})
     * @param requestedBy "admin:&lt;name&gt;" or "api:&lt;appid&gt;", for the operation record
     */
    record PowerVmCommand(long hostId, VmPowerAction action, String pauseInfo, String requestedBy) {
        public static final int PAUSE_INFO_MAX = 255;

        public PowerVmCommand {
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
            if (action == null) {
                throw DomainException.required("action");
            }
            if (pauseInfo != null) {
                pauseInfo = pauseInfo.strip();
                if (pauseInfo.isEmpty() || action != VmPowerAction.PAUSE) {
                    pauseInfo = null;
                } else if (pauseInfo.codePointCount(0, pauseInfo.length()) > PAUSE_INFO_MAX) {
                    throw DomainException.invalid("pauseInfo", "不能超过" + PAUSE_INFO_MAX + "个字符",
                            "must be at most " + PAUSE_INFO_MAX + " characters");
                }
            }
        }

        /** From the path's raw values. */
        public static PowerVmCommand of(long hostId, String action, String pauseInfo, String requestedBy) {
            return new PowerVmCommand(hostId, VmPowerAction.parse(action), pauseInfo, requestedBy);
        }
    }
}
