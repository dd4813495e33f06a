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
import com.pveams.application.port.in.hardware.ManageModelGroupsUseCase;
import com.pveams.application.port.in.hardware.ManageModelGroupsUseCase.ModelGroupCommand;
import com.pveams.domain.hardware.ModelGroup;
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
@Tag(name = "后台/限制功能/组合模板", description = "Model groups: a CPU model plus SMBIOS models and their rendered QEMU args")
public class ModelGroupResource {
    private final ManageModelGroupsUseCase groups;
    private final PageParams pages;

    @Inject
    public ModelGroupResource(ManageModelGroupsUseCase groups, PageParams pages) {
        this.groups = groups;
        this.pages = pages;
    }

    /** {@code smbiosModel} is the legacy id list {@code "1,2"}; {@code cpuModel} 0 means none. */
    public record GroupBody(Long id, Long cpuModel, String smbiosModel, String info) {
        ModelGroupCommand command() {
            return new ModelGroupCommand(cpuModel, smbiosModel, info);
        }
    }

    @RegisterForReflection
    public record GroupJson(long id, Long cpuModel, String smbiosModel, String args, String info, long createDate) {
        static GroupJson of(ModelGroup g) {
            return new GroupJson(g.id(), g.cpuModelId(), g.smbiosModelText(), g.args(), g.info(), g.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("addModelGroup")
    @Operation(summary = "添加模型组 {cpuModel, smbiosModel:\"1,2\", info}: the models must exist; args are rendered from them")
    public Envelope add(GroupBody body, @Context HttpHeaders headers) {
        ModelGroup g = groups.create(Bodies.require(body).command());
        return Envelope.ok(GroupJson.of(g), LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteModelGroup")
    @Operation(summary = "删除模型组 (body {id}; also POST); refused while a flavour uses it")
    public Envelope delete(CatalogParams.IdBody body, @QueryParam("id") String id, @Context HttpHeaders headers) {
        groups.delete(CatalogParams.idFromBodyOrQuery(body, id));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateModelGroup")
    @Operation(summary = "修改模型组 (fields not sent stay; also POST); args are rendered again")
    public Envelope update(GroupBody body, @Context HttpHeaders headers) {
        GroupBody b = Bodies.require(body);
        ModelGroup g = groups.update(HardwareIds.require("id", b.id()), b.command());
        return Envelope.ok(GroupJson.of(g), LegacyResponses.english(headers));
    }

    @GET
    @Path("getModelGroup")
    @Operation(summary = "查询模型组 (modelGroupId)")
    public Envelope get(@QueryParam("modelGroupId") String id, @Context HttpHeaders headers) {
        return Envelope.ok(GroupJson.of(groups.get(Params.requiredId(id, "modelGroupId"))), LegacyResponses.english(headers));
    }

    @GET
    @Path("getModelGroupPage")
    @Operation(summary = "分页查询模型组 (page and size, both required)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(groups.list(CatalogParams.requiredPage(pages, page, size, "size")), GroupJson::of),
                LegacyResponses.english(headers));
    }
}
