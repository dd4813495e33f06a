package com.pveams.domain.vm.reinstall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the reinstall replaces the disks, one PVE change at a time, decided afresh from the config each time so a
 * re-run continues where the last one stopped. The old volumes are known by the ids they had when the reinstall
 * was accepted. Order: detach the old volumes (they become {@code unusedN}), import the new system disk, then
 * destroy the detached old volumes. Importing before destroying keeps the old volume's name taken, so the new disk
 * never gets it (PVE reuses the lowest free name) and a re-run can always tell the new disk from the old one.
 *
 * @param systemVolume the system disk's volume when accepted; null if the VM had none
 * @param dataVolumes  slot → volume of the data disks to reset (empty when they are kept)
 * @param importFrom   the image's volume id or path on the node
 */
public record DiskReplacement(String systemVolume, Map<String, String> dataVolumes, String importFrom) {

    /** The next PVE change. */
    public sealed interface Action permits Detach, Import, Destroy, Done {
    }

    /** {@code delete} these disk slots: PVE keeps their volumes as {@code unusedN}. */
    public record Detach(List<String> slots) implements Action {
    }

    /** Import the image as the new system disk. */
    public record Import(String source) implements Action {
    }

    /** {@code delete} these {@code unusedN} keys: PVE destroys their volumes. */
    public record Destroy(List<String> unusedKeys) implements Action {
    }

    /** Nothing left to do. */
    public record Done() implements Action {
    }

    public DiskReplacement {
        Objects.requireNonNull(importFrom, "importFrom");
        dataVolumes = dataVolumes == null ? Map.of() : Map.copyOf(dataVolumes);
    }

    public Action next(DiskLayout now) {
        Map<String, String> old = oldVolumes();
        List<String> detach = new ArrayList<>();
        old.forEach((slot, volume) -> {
            if (now.volume(slot).filter(volume::equals).isPresent()) {
                detach.add(slot);
            }
        });
        if (!detach.isEmpty()) {
            return new Detach(detach);
        }
        if (now.systemVolume().isEmpty()) {
            return new Import(importFrom);
        }
        List<String> destroy = new ArrayList<>();
        old.values().forEach(volume -> now.unusedKeyOf(volume).ifPresent(destroy::add));
        return destroy.isEmpty() ? new Done() : new Destroy(destroy);
    }

    private Map<String, String> oldVolumes() {
        Map<String, String> old = new LinkedHashMap<>();
        if (systemVolume != null) {
            old.put(DiskLayout.SYSTEM_SLOT, systemVolume);
        }
        new java.util.TreeMap<>(dataVolumes).forEach(old::put);
        return old;
    }
}
