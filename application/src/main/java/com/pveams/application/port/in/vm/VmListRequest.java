package com.pveams.application.port.in.vm;

import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.VmSearch;
import com.pveams.domain.vm.VmState;

import java.util.Optional;

/** Which page of which VMs: all by id, newest first, by status, or by a {@link VmSearch}. */
public record VmListRequest(PageRequest page, boolean newestFirst, Optional<VmSearch> search) {
    public VmListRequest {
        if (page == null) {
            throw new IllegalArgumentException("page is required");
        }
        search = search == null ? Optional.empty() : search;
    }

    /** {@code getVmByPage}: by id, oldest first, as the legacy listed them. */
    public static VmListRequest all(PageRequest page) {
        return new VmListRequest(page, false, Optional.empty());
    }

    /** {@code getVmByPageOrderByCreateTime}. */
    public static VmListRequest newestFirst(PageRequest page) {
        return new VmListRequest(page, true, Optional.empty());
    }

    /** {@code getVmByStatus}. */
    public static VmListRequest withStatus(PageRequest page, VmState state) {
        return new VmListRequest(page, false, Optional.of(new VmSearch(VmSearch.Field.STATUS, null, state.code())));
    }

    /** {@code getVmByParam}. */
    public static VmListRequest matching(PageRequest page, VmSearch search) {
        return new VmListRequest(page, false, Optional.of(search));
    }
}
