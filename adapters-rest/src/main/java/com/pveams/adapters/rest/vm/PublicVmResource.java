package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.application.port.in.vm.VmLookup;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The VM reads of the public API, {@code /api/v1/{nodeType}/…}. The legacy server hard-coded {@code pve} as the
 * node type; any other value is an unknown API (501001), as it was. The class path is {@code /api/v1} like the
 * other public resources, so they can share it.
 */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class PublicVmResource {
    private final VmReads reads;

    @Inject
    public PublicVmResource(VmReads reads) {
        this.reads = reads;
    }

    private static void pve(String nodeType) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
    }

    @GET
    @Path("{nodeType}/getVmInfo")
    @Operation(summary = "获取指定虚拟机数据 (hostId = row id, else PVE vmid): host with guest password (username, password), image, live status, a day of RRD")
    public Envelope info(@PathParam("nodeType") String nodeType, @QueryParam("hostId") String hostId,
                         @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.info(VmLookup.forApi(Params.requiredId(hostId, "hostId"))),
                LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmByPage")
    @Operation(summary = "分页获取实例信息 (page, size)")
    public Envelope byPage(@PathParam("nodeType") String nodeType, @QueryParam("page") String page,
                           @QueryParam("size") String size, @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.byPage(page, size), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmByParam")
    @Operation(summary = "带参数分页获取实例信息 (param hostname|vmid|ip|nodeid|status, value, page, size)")
    public Envelope byParam(@PathParam("nodeType") String nodeType, @QueryParam("param") String param,
                            @QueryParam("value") String value, @QueryParam("page") String page,
                            @QueryParam("size") String size, @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.byParam(param, value, page, size), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmByPageOrderByCreateTime")
    @Operation(summary = "以降序排列获取虚拟机分页列表 (page, size)")
    public Envelope newestFirst(@PathParam("nodeType") String nodeType, @QueryParam("page") String page,
                                @QueryParam("size") String size, @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.newestFirst(page, size), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmByStatus")
    @Operation(summary = "分页获取指定状态的虚拟机列表 (status, page, size)")
    public Envelope byStatus(@PathParam("nodeType") String nodeType, @QueryParam("status") String status,
                             @QueryParam("page") String page, @QueryParam("size") String size,
                             @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.byStatus(status, page, size), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmCount")
    @Operation(summary = "获取实例总数")
    public Envelope count(@PathParam("nodeType") String nodeType, @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.count(), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmCountByStatus")
    @Operation(summary = "获取指定状态的虚拟机总数 (status)")
    public Envelope countByStatus(@PathParam("nodeType") String nodeType, @QueryParam("status") String status,
                                  @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.countByStatus(status), LegacyResponses.english(headers));
    }

    @GET
    @Path("{nodeType}/getVmHostRrdData")
    @Operation(summary = "获取虚拟机历史负载 (hostId = row id, timeframe, cf)")
    public Envelope rrd(@PathParam("nodeType") String nodeType, @QueryParam("hostId") String hostId,
                        @QueryParam("timeframe") String timeframe, @QueryParam("cf") String cf,
                        @Context HttpHeaders headers) {
        pve(nodeType);
        return Envelope.ok(reads.rrd(hostId, timeframe, cf), LegacyResponses.english(headers));
    }
}
