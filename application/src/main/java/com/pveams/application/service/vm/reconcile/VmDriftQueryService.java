package com.pveams.application.service.vm.reconcile;

import com.pveams.application.port.in.vm.VmDriftQuery;
import com.pveams.application.port.out.vm.VmReconcileStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recorded drift for the admin VM pages: one query per page. */
@Singleton
public class VmDriftQueryService implements VmDriftQuery {
    private final VmReconcileStore store;

    @Inject
    public VmDriftQueryService(VmReconcileStore store) {
        this.store = store;
    }

    @Override
    @Transactional
    public Map<Long, VmDriftView> driftOf(Collection<Long> vmIds) {
        Map<Long, VmDriftView> views = new LinkedHashMap<>();
        if (vmIds.isEmpty()) {
            return views;
        }
        store.driftOf(vmIds).forEach((id, d) -> views.put(id, new VmDriftView(d.differences(), d.detectedAt())));
        return views;
    }
}
