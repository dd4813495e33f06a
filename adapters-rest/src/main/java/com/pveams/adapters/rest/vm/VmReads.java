package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.application.port.in.vm.VmListRequest;
import com.pveams.application.port.in.vm.VmLookup;
import com.pveams.application.port.in.vm.VmQuery;
import com.pveams.domain.node.LoadHistory;
import com.pveams.domain.vm.VmSearch;
import com.pveams.domain.vm.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * The VM read endpoints' parameter handling and rendering, shared by the admin paths and the public
 * {@code /api/v1/{node}} ones, which take the same parameters and answer the same shapes.
 */
@ApplicationScoped
public class VmReads {
    private final VmQuery query;
    private final PageParams pages;

    @Inject
    public VmReads(VmQuery query, PageParams pages) {
        this.query = query;
        this.pages = pages;
    }

    Map<String, Object> byPage(String page, String size) {
        return VmJson.page(query.list(VmListRequest.all(pages.pageAndSize(page, size))));
    }

    Map<String, Object> newestFirst(String page, String size) {
        return VmJson.page(query.list(VmListRequest.newestFirst(pages.pageAndSize(page, size))));
    }

    Map<String, Object> byStatus(String status, String page, String size) {
        VmState state = VmState.ofCode(Params.optionalInt(status, "status"), "status");
        return VmJson.page(query.list(VmListRequest.withStatus(pages.pageAndSize(page, size), state)));
    }

    /** Always the page map, whatever the param (the legacy answered three shapes). */
    Map<String, Object> byParam(String param, String value, String page, String size) {
        VmSearch search = VmSearch.of(param, value);
        return VmJson.page(query.list(VmListRequest.matching(pages.pageAndSize(page, size), search)));
    }

    /** {@code getDeleteVmByPage}: the deleted VMs' rows, by id, in the same page map. */
    Map<String, Object> deleted(String page, String size) {
        return VmJson.page(query.deleted(pages.pageAndSize(page, size)));
    }

    Map<String, Object> info(VmLookup lookup) {
        return VmJson.record(query.info(lookup));
    }

    List<Map<String, Object>> rrd(String hostId, String timeframe, String cf) {
        long id = Params.requiredId(hostId, "hostId");
        return VmJson.rrd(query.rrd(id, LoadHistory.of(timeframe, cf)));
    }

    long count() {
        return query.count();
    }

    long countByStatus(String status) {
        return query.countByStatus(VmState.ofCode(Params.optionalInt(status, "status"), "status"));
    }
}
