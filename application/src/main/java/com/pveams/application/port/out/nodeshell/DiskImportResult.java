package com.pveams.application.port.out.nodeshell;

import java.util.Optional;

/**
 * A completed disk import.
 *
 * @param volumeId the PVE volume the image became (for example {@code local-lvm:vm-100-disk-0}) when qm reported it
 * @param output   what qm printed
 */
public record DiskImportResult(Optional<String> volumeId, CommandResult output) {
}
