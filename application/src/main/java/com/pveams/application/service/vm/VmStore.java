package com.pveams.application.service.vm;

import com.pveams.application.port.in.vm.VmListRequest;
import com.pveams.application.port.in.vm.VmLookup;
import com.pveams.application.port.out.vm.VmReader;
import com.pveams.application.port.out.vm.VmReader.StoredVm;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.VmState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.List;

/** The reader's calls, each its own short transaction. */
@Singleton
public class VmStore {
    private final VmReader reader;

    @Inject
    public VmStore(VmReader reader) {
        this.reader = reader;
    }

    @Transactional
    public Page<StoredVm> page(VmListRequest r) {
        return reader.page(r.search().orElse(null), r.newestFirst(), r.page());
    }

    @Transactional
    public Page<StoredVm> deleted(PageRequest request) {
        return reader.deletedPage(request);
    }

    @Transactional
    public StoredVm find(VmLookup lookup) {
        var byId = reader.byId(lookup.hostId());
        if (byId.isPresent()) {
            return byId.get();
        }
        if (lookup.vmidAllowed() && lookup.hostId() <= Integer.MAX_VALUE) {
            List<StoredVm> byVmid = reader.byVmid((int) lookup.hostId());
            if (byVmid.size() == 1) {
                return byVmid.get(0);
            }
            if (byVmid.size() > 1) {
                throw new DomainException(ErrorCode.INVALID_PARAM, "hostId",
                        "多个虚拟机使用该 vmid，请使用实例 ID", "several VMs have this vmid: use the host id");
            }
        }
        throw new DomainException(ErrorCode.VM_NOT_EXIST);
    }

    @Transactional
    public long count() {
        return reader.countLive();
    }

    @Transactional
    public long count(VmState state) {
        return reader.countLive(state.code());
    }
}
