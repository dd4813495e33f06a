package com.pveams.domain.vm.build;

import java.util.Optional;

/**
 * The text in PVE's {@code description} by which the define step knows a guest as the one it made for a {@code vm}
 * row. Only the row id is needed, so a failed create can find and remove its guest even when the row no longer
 * makes a valid {@link VmBlueprint}.
 */
public record GuestMarker(long vmId) {
    static final String PREFIX = "pveams-vm-id=";
    private static final String CLONING = "cloning";
    private static final String CLONED = "cloned";

    /** An import's description from the start, and the stem of a clone's. */
    public String text() {
        return PREFIX + vmId;
    }

    /** A clone of a template: ours, the VM's settings not applied yet. */
    public String cloning() {
        return text() + " " + CLONING;
    }

    /** A clone with the VM's settings applied. */
    public String cloned() {
        return text() + " " + CLONED;
    }

    /** How far the define step got with the guest whose description this is; empty when it is not this VM's. */
    public Optional<VmBlueprint.Made> made(String description) {
        String d = description == null ? "" : description.strip();
        if (d.equals(text())) {
            return Optional.of(VmBlueprint.Made.IMPORTED);
        }
        if (d.equals(cloning())) {
            return Optional.of(VmBlueprint.Made.CLONED_UNCONFIGURED);
        }
        if (d.equals(cloned())) {
            return Optional.of(VmBlueprint.Made.CLONED);
        }
        return Optional.empty();
    }

    /** Whether a guest with this description was made for this VM (any stage). */
    public boolean madeThis(String description) {
        return made(description).isPresent();
    }
}
