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
import com.pveams.application.port.in.hardware.HardwareIds;
import com.pveams.application.port.in.hardware.ManageSmbiosModelsUseCase;
import com.pveams.application.port.in.hardware.ManageSmbiosModelsUseCase.SmbiosCommand;
import com.pveams.domain.hardware.SmbiosModel;
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

import java.util.Map;

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/限制功能/硬件模型管理", description = "SMBIOS models rendered into QEMU -smbios options")
public class SmbiosModelResource {
    private final ManageSmbiosModelsUseCase models;
    private final PageParams pages;

    @Inject
    public SmbiosModelResource(ManageSmbiosModelsUseCase models, PageParams pages) {
        this.models = models;
        this.pages = pages;
    }

    /** {@code type} arrives as a number or a numeric string; {@code model} is a JSON object of field → value. */
    public record SmbiosBody(Long id, Object type, Map<String, Object> model, String info) {
        SmbiosCommand command() {
            return new SmbiosCommand(type, model, info);
        }
    }

    @RegisterForReflection
    public record SmbiosJson(long id, int type, Map<String, String> model, String info, long createDate) {
        static SmbiosJson of(SmbiosModel m) {
            return new SmbiosJson(m.id(), m.spec().type(), m.spec().fields(), m.spec().info(), m.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("addSmbiosInfo")
    @Operation(summary = "新增smbios信息模型 (type 0/1/2/3/4/17 and their QEMU fields)")
    public Envelope add(SmbiosBody body, @Context HttpHeaders headers) {
        models.create(Bodies.require(body).command());
        return Envelope.done(headers, "添加成功", "Added");
    }

    @DELETE
    @Path("deleteSmbiosInfo")
    @Operation(summary = "删除smbios信息模型 (body {id}; also POST); refused while a model group uses it")
    public Envelope delete(CatalogParams.IdBody body, @QueryParam("id") String id, @Context HttpHeaders headers) {
        models.delete(CatalogParams.idFromBodyOrQuery(body, id));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateSmbiosInfo")
    @Operation(summary = "修改smbios信息模型 (fields not sent stay; also POST); the groups using it are re-rendered")
    public Envelope update(SmbiosBody body, @Context HttpHeaders headers) {
        SmbiosBody b = Bodies.require(body);
        SmbiosModel m = models.update(HardwareIds.require("id", b.id()), b.command());
        return Envelope.ok(SmbiosJson.of(m), LegacyResponses.english(headers));
    }

    @GET
    @Path("getSmbiosInfo")
    @Operation(summary = "查询smbios信息模型 (id)")
    public Envelope get(@QueryParam("id") String id, @Context HttpHeaders headers) {
        return Envelope.ok(SmbiosJson.of(models.get(Params.requiredId(id, "id"))), LegacyResponses.english(headers));
    }

    @GET
    @Path("getSmbiosInfoList")
    @Operation(summary = "分页查询smbios信息模型 (page, limit)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(models.list(pages.of(page, limit, "limit", PageRequest.DEFAULT_SIZE)), SmbiosJson::of),
                LegacyResponses.english(headers));
    }
}
