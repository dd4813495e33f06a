package com.pveams.application.port.out.hardware;

import com.pveams.domain.hardware.Referrer;

import java.util.Optional;

/** Who still uses a catalogue entry: the first referrer, so a deletion can be refused naming it. */
public interface CatalogReferences {
    /** A model group or a flavour naming the CPU model. */
    Optional<Referrer> userOfCpuModel(long cpuModelId);

    /** A model group rendering the SMBIOS model. */
    Optional<Referrer> userOfSmbiosModel(long smbiosModelId);

    /** A flavour naming the model group. */
    Optional<Referrer> userOfModelGroup(long modelGroupId);
}
