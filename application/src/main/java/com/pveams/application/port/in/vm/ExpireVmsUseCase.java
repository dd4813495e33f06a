package com.pveams.application.port.in.vm;

/** The expiry job: stops the live VMs past their expiry and marks them expired. */
public interface ExpireVmsUseCase {

    /** @return how many stop operations were started */
    int expireDue();
}
