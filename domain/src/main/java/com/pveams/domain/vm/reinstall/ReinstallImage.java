package com.pveams.domain.vm.reinstall;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.image.PveOsType;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The image a VM is reinstalled from, as seen from the VM's node.
 *
 * @param location where the downloaded file is on that node ({@code os_image_node.location}: a PVE volume id or an
 *                 absolute path); null when the image is not downloaded there
 */
public record ReinstallImage(long id, String name, String fileName, ImageKind kind, String location) {
    /** A PVE volume id ({@code storage:path}) with nothing PVE would read as another property. */
    private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_./+-]+");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[A-Za-z0-9_./+-]+");

    public ReinstallImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * What {@code import-from} gets: the file on the VM's node. Not downloaded there: 1015. An absolute path is
     * only accepted by PVE from {@code root@pam} logged in with its password (not from API tokens, not even
     * root's): refused before anything changes, rather than failing half-way through the reinstall.
     */
    public String importSource(boolean rootPasswordLogin) {
        if (location == null) {
            throw new DomainException(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os", null, null);
        }
        boolean path = location.startsWith("/");
        if (!(path ? ABSOLUTE_PATH : VOLUME_ID).matcher(location).matches() || location.contains("..")) {
            throw new DomainException(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os",
                    "镜像在节点上的位置无效", "the image's location on the node is not a usable volume or path");
        }
        if (path && !rootPasswordLogin) {
            throw new DomainException(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os",
                    "镜像是节点上的文件路径，PVE 只允许 root@pam 密码登录导入；请用 PVE 方式下载到存储",
                    "the image is a file path on the node, which PVE imports only for root@pam with a password;"
                            + " download it into a PVE storage for a node using an API token");
        }
        return location;
    }

    /** PVE's {@code ostype} for the image. */
    public String pveOsType() {
        return PveOsType.of(kind, fileName);
    }

    /** Windows images read cloud-init through cloudbase-init's config drive; Linux ones through NoCloud. */
    public String cloudInitType() {
        return kind == ImageKind.WINDOWS ? "configdrive2" : "nocloud";
    }

    /** The login a fresh install of this family has. */
    public String defaultUsername() {
        return kind == ImageKind.WINDOWS ? "administrator" : "root";
    }
}
