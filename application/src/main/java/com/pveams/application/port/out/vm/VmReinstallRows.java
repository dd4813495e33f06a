package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.reinstall.ImageReference;
import com.pveams.domain.vm.reinstall.ReinstallImage;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import com.pveams.domain.vm.reinstall.ReinstallableVm.Reinstall;

import java.util.Optional;

/** The rows a reinstall reads and writes. Every method joins the caller's transaction. */
public interface VmReinstallRows {

    Optional<ReinstallableVm> find(long vmId);

    /** The row, locked until the transaction ends. */
    Optional<ReinstallableVm> lock(long vmId);

    /**
     * The first image the reference's lookups find, with where it is downloaded on {@code nodeId} (location null
     * when it is not downloaded there).
     */
    Optional<ReinstallImage> findImage(ImageReference reference, long nodeId);

    /** Status 13 (reinstalling), the image columns, the login and the pending password ciphertext (null: none). */
    void begin(Reinstall reinstall, byte[] pendingPasswordCiphertext);

    /** A reinstall that failed for good: stopped (1) if still reinstalling, the pending password dropped. */
    void abandon(long vmId);
}
