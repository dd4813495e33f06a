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
import com.pveams.application.port.in.console.ManageVncControllersUseCase;
import com.pveams.application.port.in.console.ManageVncControllersUseCase.AddVncControllerCommand;
import com.pveams.application.port.in.console.ManageVncControllersUseCase.UpdateVncControllerCommand;
import com.pveams.application.port.in.console.VncControllerView;
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

/** VNC控制器管理: the console front-ends whose addresses the console feature hands to users. */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/VNC控制器管理", description = "Console front-ends (VNC controllers)")
public class VncControllerResource {
    private final ManageVncControllersUseCase controllers;
    private final PageParams pages;

    @Inject
    public VncControllerResource(ManageVncControllersUseCase controllers, PageParams pages) {
        this.controllers = controllers;
        this.pages = pages;
    }

    /**
     * The legacy {@code vncnode} body. {@code protocol} 0 http / 1 https, {@code status} 0 active / 1 inactive;
     * the legacy {@code proxy} flag was never used and is ignored.
     */
    public record VncNodeBody(Long id, String name, String host, Integer port, String domain, Integer protocol,
                              Integer status) {
    }

    @RegisterForReflection
    public record VncNodeJson(long id, String name, String host, int port, String domain, int protocol, int status,
                              long createDate) {
        static VncNodeJson of(VncControllerView c) {
            return new VncNodeJson(c.id(), c.name(), c.host(), c.port(), c.domain(), c.protocol().code(),
                    c.active() ? 0 : 1, c.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("addVncNode")
    @Operation(summary = "增加vnc控制器节点 {name, host, port, domain, protocol, status}: host is a bare host name or IP")
    public Envelope add(VncNodeBody body, @Context HttpHeaders headers) {
        VncNodeBody b = Bodies.require(body);
        controllers.add(AddVncControllerCommand.of(b.name(), b.host(), b.port(), b.domain(), b.protocol(), b.status()));
        return Envelope.done(headers, "添加成功", "Added");
    }

    @DELETE
    @Path("deleteVncNode")
    @Operation(summary = "删除vnc控制器节点 (id query parameter)")
    public Envelope delete(@QueryParam("id") String id, @Context HttpHeaders headers) {
        controllers.delete(Params.requiredId(id, "id"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateVncNode")
    @Operation(summary = "修改vnc控制器节点 (also POST); omitted fields are kept, an empty domain clears it")
    public Envelope update(VncNodeBody body, @Context HttpHeaders headers) {
        VncNodeBody b = Bodies.require(body);
        controllers.update(UpdateVncControllerCommand.of(b.id(), b.name(), b.host(), b.port(), b.domain(), b.protocol(),
                b.status()));
        return Envelope.done(headers, "修改成功", "Updated");
    }

    @GET
    @Path("selectVncNodePage")
    @Operation(summary = "分页查询vnc控制器节点 (page, size)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        PageRequest request = pages.pageAndSize(page, size);
        return Envelope.ok(LegacyPage.of(controllers.list(request), VncNodeJson::of), LegacyResponses.english(headers));
    }
}
