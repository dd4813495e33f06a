package com.pveams.application.port.in.vm;

/** The expiry job: stops the live VMs past their expiry and marks them expired; deletes long-expired ones if asked. */
public interface ExpireVmsUseCase {

    /** @return how many stop operations were started */
    int expireDue();

    /**
     * Starts the delete of the VMs that have been expired ({@code status} 5) for longer than the configured
     * {@code ams.vm.expiry-auto-delete-after}; nothing when that is zero (the default).
     *
     * @return how many delete operations were started
     */
    int deleteLongExpired();
}
