package com.pveams.adapters.rest.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.access.AdminView;
import com.pveams.application.port.in.access.ManageAdminsUseCase;
import com.pveams.application.port.in.access.ManageAdminsUseCase.RegisterAdminCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.UpdateAdminCommand;
import com.pveams.domain.access.Admin.AdminProfile;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/超管账号管理", description = "Admin accounts")
public class AdminAccountResource {
    private final ManageAdminsUseCase admins;
    private final CurrentCaller caller;
    private final PageParams pages;

    @Inject
    public AdminAccountResource(ManageAdminsUseCase admins, CurrentCaller caller, PageParams pages) {
        this.admins = admins;
        this.caller = caller;
        this.pages = pages;
    }

    public record AdminBody(Long id, String username, String password, String name, String phone, String email) {
        AdminProfile profile() {
            return new AdminProfile(name, phone, email);
        }
    }

    /** An admin as listings show it; the password hash is never returned. */
    @RegisterForReflection
    public record AdminJson(long id, String username, String name, String phone, String email,
                            @JsonProperty("logindate") Long loginDate, Long createDate) {
        static AdminJson of(AdminView a) {
            return new AdminJson(a.id(), a.username(), a.name(), a.phone(), a.email(),
                    a.lastLoginAt() == null ? null : a.lastLoginAt().toEpochMilli(), a.createdAt().toEpochMilli());
        }
    }

    @GET
    @Path("test")
    @Operation(summary = "Token check: 20000 while the admin token is valid")
    public Envelope test(@Context HttpHeaders headers) {
        return Envelope.ok("通讯正常", LegacyResponses.english(headers));
    }

    @POST
    @Path("registerDo")
    @Operation(summary = "添加超管账号")
    public Envelope register(AdminBody body, @Context HttpHeaders headers) {
        AdminBody b = Bodies.require(body);
        admins.register(new RegisterAdminCommand(b.username(), b.password(), b.profile()));
        return Envelope.done(headers, "添加管理账号成功！", "Admin account created");
    }

    @GET
    @Path("getSysuser")
    @Operation(summary = "分页查询超管账号 (page, size)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        PageRequest request = pages.pageAndSize(page, size);
        return Envelope.ok(LegacyPage.of(admins.list(request), AdminJson::of), LegacyResponses.english(headers));
    }

    @POST
    @Path("updateSysuser")
    @Operation(summary = "修改超管账号 (empty password = unchanged; also PUT)")
    public Envelope update(AdminBody body, @Context HttpHeaders headers) {
        AdminBody b = Bodies.require(body);
        AdminView updated = admins.update(new UpdateAdminCommand(b.id(), b.username(), b.password(), b.profile()));
        return Envelope.ok(AdminJson.of(updated), LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteSysUserById/{id}")
    @Operation(summary = "删除超管账号 (also POST/PUT); the acting and the last admin cannot be deleted")
    public Envelope delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        admins.delete(Params.requiredId(id, "id"), caller.requireAdmin().id());
        return Envelope.done(headers, "删除成功", "Deleted");
    }
}
