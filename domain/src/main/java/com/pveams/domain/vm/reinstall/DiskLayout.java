package com.pveams.domain.vm.reinstall;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The disks in a VM's PVE config: which volume each disk slot holds and which volumes wait detached as
 * {@code unusedN}. CD-ROMs and cloud-init drives are not disks here.
 */
public final class DiskLayout {
    public static final String SYSTEM_SLOT = "scsi0";

    private static final Pattern DISK_SLOT = Pattern.compile("(scsi|virtio|sata|ide)[0-9]+");
    private static final Pattern UNUSED_SLOT = Pattern.compile("unused[0-9]+");

    private final Map<String, String> disks = new TreeMap<>();
    private final Map<String, String> unused = new TreeMap<>();

    private DiskLayout() {
    }

    /** From PVE's config keys and values ({@code scsi0 = local-lvm:vm-100-disk-0,size=10G}). */
    public static DiskLayout of(Map<String, String> config) {
        DiskLayout l = new DiskLayout();
        config.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            String volume = value.split(",", 2)[0];
            if (DISK_SLOT.matcher(key).matches() && !value.contains("media=cdrom") && !volume.contains("cloudinit")
                    && volume.contains(":")) {
                l.disks.put(key, volume);
            } else if (UNUSED_SLOT.matcher(key).matches()) {
                l.unused.put(key, volume);
            }
        });
        return l;
    }

    public Optional<String> volume(String slot) {
        return Optional.ofNullable(disks.get(slot));
    }

    public Optional<String> systemVolume() {
        return volume(SYSTEM_SLOT);
    }

    /** Every disk but the system disk, by slot. */
    public Map<String, String> dataVolumes() {
        Map<String, String> d = new TreeMap<>(disks);
        d.remove(SYSTEM_SLOT);
        return d;
    }

    /** The {@code unusedN} key holding this volume, found by its id (never by guessing {@code unused0}). */
    public Optional<String> unusedKeyOf(String volume) {
        return unused.entrySet().stream().filter(e -> e.getValue().equals(volume)).map(Map.Entry::getKey).findFirst();
    }
}
