package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.pve.ImportSource;
import com.pveams.domain.pve.StorageId;
import com.pveams.domain.pve.VolumeId;

import java.util.Objects;
import java.util.Set;

/**
 * A disk slot ({@code scsi[n]}, {@code virtio[n]}, {@code sata[n]}, {@code ide[n]}). Exactly one of:
 * a new volume ({@code sizeGiB > 0}), an import ({@code importFrom} set, size 0), an existing volume
 * ({@code volume} set), a cloud-init drive ({@link #cloudInit}) or a CD-ROM ({@code cdrom}, with an ISO
 * {@code volume} or empty).
 * Limits are optional (null = no limit): IOPS and MB/s. Storage, volume and import source are checked
 * ({@link StorageId}, {@link VolumeId}, {@link ImportSource}) and the cache mode is one of PVE's, so nothing else can
 * join the disk's property string.
 */
public record DiskSpec(Bus bus, int index, String storage, int sizeGiB, String importFrom, String volume,
                       boolean cloudInit, boolean cdrom, boolean discard, boolean ssd, boolean iothread, String cache,
                       Limits limits) {

    public enum Bus {
        SCSI("scsi", 30), VIRTIO("virtio", 15), SATA("sata", 5), IDE("ide", 3);

        private final String key;
        private final int maxIndex;

        Bus(String key, int maxIndex) {
            this.key = key;
            this.maxIndex = maxIndex;
        }

        public String key() {
            return key;
        }

        public int maxIndex() {
            return maxIndex;
        }
    }

    /** Throughput limits; {@code null} fields are not sent. */
    public record Limits(Integer iopsRead, Integer iopsReadMax, Integer iopsWrite, Integer iopsWriteMax,
                         Double mbpsRead, Double mbpsReadMax, Double mbpsWrite, Double mbpsWriteMax) {
        public static final Limits NONE = new Limits(null, null, null, null, null, null, null, null);
    }

    /** PVE's disk {@code cache} modes. */
    public static final Set<String> CACHE_MODES = Set.of("none", "writethrough", "writeback", "unsafe", "directsync");

    public DiskSpec {
        Objects.requireNonNull(bus, "bus");
        limits = limits == null ? Limits.NONE : limits;
        if (index < 0 || index > bus.maxIndex()) {
            throw new IllegalArgumentException(bus.key() + " index 0.." + bus.maxIndex());
        }
        int kinds = (sizeGiB > 0 ? 1 : 0) + (importFrom != null ? 1 : 0) + (volume != null || cdrom ? 1 : 0)
                + (cloudInit ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a disk is exactly one of: new volume, import, existing volume, "
                    + "cloud-init drive, cdrom");
        }
        if ((sizeGiB > 0 || importFrom != null || cloudInit) && storage == null) {
            throw new IllegalArgumentException("storage is required");
        }
        storage = storage == null ? null : StorageId.check("storage", storage);
        volume = volume == null ? null : VolumeId.check("volume", volume);
        importFrom = importFrom == null ? null : ImportSource.check("importFrom", importFrom);
        if (cache != null && !CACHE_MODES.contains(cache)) {
            throw DomainException.invalid("cache", "不是PVE支持的缓存模式", "is not a cache mode PVE knows");
        }
    }

    public String key() {
        return bus.key() + index;
    }

    public static DiskSpec newVolume(Bus bus, int index, String storage, int sizeGiB) {
        return new DiskSpec(bus, index, storage, sizeGiB, null, null, false, false, true, false, false, null, null);
    }

    public static DiskSpec importFrom(Bus bus, int index, String storage, String source) {
        return new DiskSpec(bus, index, storage, 0, source, null, false, false, true, false, false, null, null);
    }

    public static DiskSpec existing(Bus bus, int index, String volume) {
        return new DiskSpec(bus, index, null, 0, null, volume, false, false, true, false, false, null, null);
    }

    public static DiskSpec cloudInitDrive(Bus bus, int index, String storage) {
        return new DiskSpec(bus, index, storage, 0, null, null, true, false, false, false, false, null, null);
    }

    public static DiskSpec cdrom(Bus bus, int index, String isoVolumeOrNull) {
        return new DiskSpec(bus, index, null, 0, null, isoVolumeOrNull, false, true, false, false, false, null, null);
    }

    public DiskSpec withLimits(Limits l) {
        return new DiskSpec(bus, index, storage, sizeGiB, importFrom, volume, cloudInit, cdrom, discard, ssd, iothread,
                cache, l);
    }
}
