package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.vm.VmDriftQuery;
import com.pveams.application.port.in.vm.VmLookup;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The contract's VM lists and VM page for admins (实例管理, read side). */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/实例管理", description = "VM lists and details with PVE's live data")
public class AdminVmResource {
    private final VmReads reads;
    private final VmDriftQuery drift;

    @Inject
    public AdminVmResource(VmReads reads, VmDriftQuery drift) {
        this.reads = reads;
        this.drift = drift;
    }

    /** The admin pages also show the reconciliation's drift (extra fields, see VmJson.addDrift). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> withDrift(Map<String, Object> page) {
        VmJson.addDrift((List<Map<String, Object>>) page.get("records"), drift);
        return page;
    }

    private Map<String, Object> recordWithDrift(Map<String, Object> record) {
        VmJson.addDrift(List.of(record), drift);
        return record;
    }

    @GET
    @Path("getVmByPage")
    @Operation(summary = "分页获取实例信息 (page, size): live VMs by id with PVE's status; a node that does not answer in time gives stored data and live=false")
    public Envelope byPage(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(withDrift(reads.byPage(page, size)), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmByParam")
    @Operation(summary = "带参数分页获取实例信息 (param hostname|vmid|ip|nodeid|status, value, page, size): always the page map")
    public Envelope byParam(@QueryParam("param") String param, @QueryParam("value") String value,
                            @QueryParam("page") String page, @QueryParam("size") String size,
                            @Context HttpHeaders headers) {
        return Envelope.ok(withDrift(reads.byParam(param, value, page, size)), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmByPageOrderByCreateTime")
    @Operation(summary = "以降序排列获取虚拟机分页列表 (page, size): newest first")
    public Envelope newestFirst(@QueryParam("page") String page, @QueryParam("size") String size,
                                @Context HttpHeaders headers) {
        return Envelope.ok(withDrift(reads.newestFirst(page, size)), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmByStatus")
    @Operation(summary = "分页获取指定状态的虚拟机列表 (status 0-15, page, size)")
    public Envelope byStatus(@QueryParam("status") String status, @QueryParam("page") String page,
                             @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(withDrift(reads.byStatus(status, page, size)), LegacyResponses.english(headers));
    }

    @GET
    @Path("getDeleteVmByPage")
    @Operation(summary = "分页获取已删除实例 (page, size): VMs deleted through this service (delete_state 1/2), by id, stored data only (live=false, liveProblem VM_MISSING)")
    public Envelope deleted(@QueryParam("page") String page, @QueryParam("size") String size,
                            @Context HttpHeaders headers) {
        return Envelope.ok(withDrift(reads.deleted(page, size)), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmCount")
    @Operation(summary = "获取实例总数: live VMs (the legacy also counted deleted ones)")
    public Envelope count(@Context HttpHeaders headers) {
        return Envelope.ok(reads.count(), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmCountByStatus")
    @Operation(summary = "获取指定状态的虚拟机总数 (status 0-15)")
    public Envelope countByStatus(@QueryParam("status") String status, @Context HttpHeaders headers) {
        return Envelope.ok(reads.countByStatus(status), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmHostInfo")
    @Operation(summary = "获取虚拟机主机信息 (hostId = row id): host with guest password, image, live status, a day of RRD")
    public Envelope info(@QueryParam("hostId") String hostId, @Context HttpHeaders headers) {
        return Envelope.ok(recordWithDrift(reads.info(VmLookup.forAdmin(Params.requiredId(hostId, "hostId")))),
                LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmHostRrdData")
    @Operation(summary = "获取虚拟机历史负载 (hostId, timeframe hour|day|week|month|year|decade, cf AVERAGE|MAX): PVE's rrd rows; 1003 when the node does not answer in time")
    public Envelope rrd(@QueryParam("hostId") String hostId, @QueryParam("timeframe") String timeframe,
                        @QueryParam("cf") String cf, @Context HttpHeaders headers) {
        return Envelope.ok(reads.rrd(hostId, timeframe, cf), LegacyResponses.english(headers));
    }
}
