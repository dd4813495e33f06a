package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;

/**
 * Which VM an info request means, and who asks. The public {@code getVmInfo} accepts the row id or the PVE vmid
 * (the billing panels store either). Both show the guest password: the admin page, and the billing panels, which
 * show it to the customer (the API key's holder is the panel that created the VM with it).
 */
public record VmLookup(long hostId, boolean vmidAllowed, boolean revealPassword) {
    public VmLookup {
        if (hostId < 1) {
            throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
        }
    }

    /** Admin {@code getVmHostInfo}: by row id, with the guest password. */
    public static VmLookup forAdmin(long hostId) {
        return new VmLookup(hostId, false, true);
    }

    /** Public {@code getVmInfo}: by row id, else by vmid; with the guest password, as the legacy answered it. */
    public static VmLookup forApi(long hostIdOrVmid) {
        return new VmLookup(hostIdOrVmid, true, true);
    }
}
