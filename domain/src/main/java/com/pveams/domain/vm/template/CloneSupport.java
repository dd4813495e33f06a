package com.pveams.domain.vm.template;

import java.util.Locale;
import java.util.Set;

/**
 * Whether PVE can make linked clones of a template on a storage type. Linked clones need a storage with snapshots
 * and clones (LVM-thin, ZFS, Ceph RBD, BTRFS) or a file storage holding qcow2 disks (dir, NFS, CIFS, GlusterFS: qcow2
 * is PVE's default format there). Plain LVM and iSCSI LUNs cannot: a clone from them is a full copy.
 */
public final class CloneSupport {
    private static final Set<String> BLOCK_WITH_CLONES = Set.of("lvmthin", "zfspool", "zfs", "rbd", "btrfs");
    private static final Set<String> FILE_WITH_QCOW2 = Set.of("dir", "nfs", "cifs", "glusterfs");

    private CloneSupport() {
    }

    public static boolean linkedClones(String storageType) {
        if (storageType == null) {
            return false;
        }
        String t = storageType.toLowerCase(Locale.ROOT);
        return BLOCK_WITH_CLONES.contains(t) || FILE_WITH_QCOW2.contains(t);
    }
}
