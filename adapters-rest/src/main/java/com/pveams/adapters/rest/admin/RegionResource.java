package com.pveams.adapters.rest.admin;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.region.ManageRegionsUseCase;
import com.pveams.application.port.in.region.ManageRegionsUseCase.AddRegionCommand;
import com.pveams.application.port.in.region.ManageRegionsUseCase.UpdateRegionCommand;
import com.pveams.application.port.in.region.RegionQuery;
import com.pveams.application.port.in.region.RegionView;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.PageRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** 地区管理: regions in two levels. Node membership ("addNodeToArea", "getNodeListByArea") lives with the nodes. */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/地区管理", description = "Regions (two levels)")
public class RegionResource {
    private final ManageRegionsUseCase regions;
    private final RegionQuery query;
    private final PageParams pages;

    @Inject
    public RegionResource(ManageRegionsUseCase regions, RegionQuery query, PageParams pages) {
        this.regions = regions;
        this.query = query;
        this.pages = pages;
    }

    /** The legacy {@code area} body; {@code parent} 0 or null means top-level. */
    public record AreaBody(Long id, String name, String geo, Long parent, Integer realm) {
    }

    /** A region in the legacy shape: {@code parent} is 0 for a top-level region, {@code realm} 0 top / 1 child. */
    @RegisterForReflection
    public record AreaJson(long id, String name, String geo, long parent, int realm) {
        static AreaJson of(RegionView r) {
            return new AreaJson(r.id(), r.name(), r.geo(), r.parentId() == null ? 0 : r.parentId(), r.realm());
        }
    }

    @POST
    @Path("addArea")
    @Operation(summary = "增加地区 {name, geo, realm, parent}: realm 0 top-level, 1 child of the top-level region parent")
    public Envelope add(AreaBody body, @Context HttpHeaders headers) {
        AreaBody b = Bodies.require(body);
        regions.add(AddRegionCommand.of(b.name(), b.geo(), b.realm(), b.parent()));
        return Envelope.done(headers, "添加成功", "Added");
    }

    @DELETE
    @Path("deleteArea/{id}")
    @Operation(summary = "删除地区: refused while it has child regions; its nodes are unbound")
    public Envelope delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        regions.delete(Params.requiredId(id, "id"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateArea")
    @Operation(summary = "修改地区 {id, name, geo, realm, parent} (also POST); omitted fields are kept")
    public Envelope update(AreaBody body, @Context HttpHeaders headers) {
        AreaBody b = Bodies.require(body);
        regions.update(UpdateRegionCommand.of(b.id(), b.name(), b.geo(), b.realm(), b.parent()));
        return Envelope.done(headers, "修改成功", "Updated");
    }

    @GET
    @Path("getAreaList")
    @Operation(summary = "分页查询地区 (page, limit)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        PageRequest request = pages.of(page, limit, "limit", PageRequest.DEFAULT_SIZE);
        return Envelope.ok(LegacyPage.of(query.list(request), AreaJson::of), LegacyResponses.english(headers));
    }

    @GET
    @Path("getArea")
    @Operation(summary = "查询指定id的地区 (id)")
    public Envelope get(@QueryParam("id") String id, @Context HttpHeaders headers) {
        return Envelope.ok(AreaJson.of(query.get(Params.requiredId(id, "id"))), LegacyResponses.english(headers));
    }

    @GET
    @Path("getAreaListByParent")
    @Operation(summary = "获取指定父级地区的子地区列表 (parent, page, size); parent 0 lists the top-level regions")
    public Envelope children(@QueryParam("parent") String parent, @QueryParam("page") String page,
                             @QueryParam("size") String size, @Context HttpHeaders headers) {
        long parentId = parentParam(parent);
        PageRequest request = pages.pageAndSize(page, size);
        return Envelope.ok(LegacyPage.of(query.children(parentId, request), AreaJson::of), LegacyResponses.english(headers));
    }

    @GET
    @Path("getAreaListByParentIsNull")
    @Operation(summary = "分页查询父级（一级）地区 (page, size)")
    public Envelope topLevel(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        PageRequest request = pages.pageAndSize(page, size);
        return Envelope.ok(LegacyPage.of(query.topLevel(request), AreaJson::of), LegacyResponses.english(headers));
    }

    /** {@code parent} is required; 0 is allowed (the legacy parent of top-level regions). */
    private static long parentParam(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required("parent");
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0) {
                throw DomainException.invalid("parent", "不能为负数", "must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("parent", "必须是整数", "must be an integer");
        }
    }
}
