package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

/**
 * PVE lets only {@code root@pam} (ticket login, not an API token) set a VM's {@code args} and {@code arch}. A
 * create that needs them on a node that cannot is refused before anything is reserved, naming the field that
 * asked for them, instead of failing on PVE after the VMID and addresses were taken.
 */
public final class PveRootOptions {
    public static final String ROOT = "root@pam";

    private PveRootOptions() {
    }

    /**
     * @param argsField the request field that produced {@code args} ({@code modelGroup} or {@code cpuModel}), or
     *                  null when there are none
     */
    public static void require(boolean tokenLogin, String userId, String argsField, String arch) {
        boolean root = !tokenLogin && ROOT.equals(userId);
        if (root) {
            return;
        }
        String field = argsField != null ? argsField : !"x86_64".equals(arch) ? "arch" : null;
        if (field != null) {
            throw new DomainException(ErrorCode.INVALID_PARAM, field,
                    "需要节点以 root@pam 密码登录 PVE（API 令牌不能设置 args/arch）",
                    "needs the node to log in to PVE as root@pam with a password (an API token cannot set args/arch)");
        }
    }
}
