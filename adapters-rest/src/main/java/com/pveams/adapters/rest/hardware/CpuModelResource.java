package com.pveams.adapters.rest.hardware;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.hardware.ManageCpuModelsUseCase;
import com.pveams.application.port.in.hardware.ManageCpuModelsUseCase.UpdateCpuModelCommand;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.paging.PageRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/限制功能/CPU模型管理", description = "CPU identity models rendered into QEMU -cpu properties")
public class CpuModelResource {
    private final ManageCpuModelsUseCase models;
    private final PageParams pages;

    @Inject
    public CpuModelResource(ManageCpuModelsUseCase models, PageParams pages) {
        this.models = models;
        this.pages = pages;
    }

    /** Legacy {@code cpuinfo} field names; {@code other} holds the extra flags. */
    public record CpuBody(Long id, String name, Integer family, Integer model, Integer stepping, String level,
                          String xlevel, String vendor, Boolean l3Cache, String other) {
        CpuModel.Patch patch() {
            return new CpuModel.Patch(name, family, model, stepping, level, xlevel, vendor, l3Cache, other);
        }
    }

    /** {@code cpu} was an unused legacy column: always null. */
    @RegisterForReflection
    public record CpuJson(long id, String cpu, String name, Integer family, Integer model, Integer stepping,
                          String level, String xlevel, String vendor, boolean l3Cache, String other, long createDate) {
        static CpuJson of(CpuModel m) {
            CpuModel.Spec s = m.spec();
            return new CpuJson(m.id(), null, s.name(), s.family(), s.model(), s.stepping(), s.level(), s.xlevel(),
                    s.vendor(), s.l3Cache(), s.extraFlagsText(), m.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("addCpuInfo")
    @Operation(summary = "新增cpu信息模型")
    public Envelope add(CpuBody body, @Context HttpHeaders headers) {
        models.create(Bodies.require(body).patch());
        return Envelope.done(headers, "添加成功", "Added");
    }

    @DELETE
    @Path("deleteCpuInfo")
    @Operation(summary = "删除cpu信息模型 (body {id}; also POST); refused while a model group or flavour uses it")
    public Envelope delete(CatalogParams.IdBody body, @QueryParam("id") String id, @Context HttpHeaders headers) {
        models.delete(CatalogParams.idFromBodyOrQuery(body, id));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateCpuInfo")
    @Operation(summary = "修改cpu信息模型 (fields not sent stay; also POST); the groups using it are re-rendered")
    public Envelope update(CpuBody body, @Context HttpHeaders headers) {
        CpuBody b = Bodies.require(body);
        CpuModel m = models.update(new UpdateCpuModelCommand(b.id(), b.patch()));
        return Envelope.ok(CpuJson.of(m), LegacyResponses.english(headers));
    }

    @GET
    @Path("selectCpuInfo")
    @Operation(summary = "查询cpu信息模型 (id)")
    public Envelope get(@QueryParam("id") String id, @Context HttpHeaders headers) {
        return Envelope.ok(CpuJson.of(models.get(Params.requiredId(id, "id"))), LegacyResponses.english(headers));
    }

    @GET
    @Path("selectCpuInfoPage")
    @Operation(summary = "分页查询cpu信息模型 (page, limit)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(models.list(pages.of(page, limit, "limit", PageRequest.DEFAULT_SIZE)), CpuJson::of),
                LegacyResponses.english(headers));
    }
}
