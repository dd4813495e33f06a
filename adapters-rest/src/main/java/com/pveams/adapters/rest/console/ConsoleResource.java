package com.pveams.adapters.rest.console;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.console.IssueConsoleUseCase;
import com.pveams.application.port.in.console.IssueConsoleUseCase.IssueConsole;
import com.pveams.application.port.in.console.IssueConsoleUseCase.RevokeConsole;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

import java.util.function.Function;

/**
 * The contract's console endpoints, admin ({@code /{adminPath}/{node}/getVnc}) and public
 * ({@code /api/v1/{node}/getVnc}): {@code node} must be {@code pve} for {@code getVnc} as in the legacy; for
 * {@code updateVncPassword} the admin UI puts the node id there, so any value is taken.
 */
public final class ConsoleResource {
    private ConsoleResource() {
    }

    /** The body of {@code updateVncPassword}; its password never reaches a log. */
    public record VncPasswordBody(Long hostId, String password) {
        @Override
        public String toString() {
            return "VncPasswordBody[hostId=" + hostId + "]";
        }
    }

    static Envelope getVnc(IssueConsoleUseCase consoles, PageParams pages, CurrentCaller caller, String node,
                           String hostId, String page, String size, HttpHeaders headers) {
        if (!"pve".equals(node)) {
            throw new NotFoundException();
        }
        IssueConsole c = new IssueConsole(Params.requiredId(hostId, "hostId"),
                pages.of(page, size, "size", IssueConsole.DEFAULT_SIZE), caller.actor());
        return Envelope.ok(LegacyPage.of(consoles.issue(c), Function.identity()), LegacyResponses.english(headers));
    }

    static Envelope updateVncPassword(IssueConsoleUseCase consoles, VncPasswordBody body, HttpHeaders headers) {
        VncPasswordBody b = Bodies.require(body);
        if (b.hostId() == null) {
            throw com.pveams.domain.error.DomainException.required("hostId");
        }
        consoles.revoke(new RevokeConsole(b.hostId(), b.password()));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }

    @Path("/{adminPath}")
    @AdminApi
    @Audited
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
    @Tag(name = "后台/实例管理/VNC", description = "Browser console")
    public static class Admin {
        private final IssueConsoleUseCase consoles;
        private final PageParams pages;
        private final CurrentCaller caller;

        @Inject
        public Admin(IssueConsoleUseCase consoles, PageParams pages, CurrentCaller caller) {
            this.consoles = consoles;
            this.pages = pages;
            this.caller = caller;
        }

        @GET
        @Path("{node}/getVnc")
        @Operation(summary = "获取指定虚拟机的vnc地址: a single-use console URL per active console front-end, "
                + "valid for vncTime minutes; a new call revokes the previous URL")
        public Envelope getVnc(@PathParam("node") String node, @QueryParam("hostId") String hostId,
                               @QueryParam("page") String page, @QueryParam("size") String size,
                               @Context HttpHeaders headers) {
            return ConsoleResource.getVnc(consoles, pages, caller, node, hostId, page, size, headers);
        }

        @PUT
        @Path("{node}/updateVncPassword")
        @Operation(summary = "修改指定虚拟机的VNC密码 {hostId, password}: kept for compatibility. Consoles use PVE's "
                + "one-time tickets, so there is no VNC password: the call revokes the VM's console URL and closes "
                + "its open console")
        public Envelope updateVncPassword(@PathParam("node") String node, VncPasswordBody body,
                                          @Context HttpHeaders headers) {
            return ConsoleResource.updateVncPassword(consoles, body, headers);
        }
    }

    @Path("/api/v1")
    @ApiKeyAuth
    @Audited
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiDefinition.API_KEY)
    @Tag(name = "API", description = "Public API for billing panels")
    public static class Public {
        private final IssueConsoleUseCase consoles;
        private final PageParams pages;
        private final CurrentCaller caller;

        @Inject
        public Public(IssueConsoleUseCase consoles, PageParams pages, CurrentCaller caller) {
            this.consoles = consoles;
            this.pages = pages;
            this.caller = caller;
        }

        @GET
        @Path("{node}/getVnc")
        @Operation(summary = "获取指定虚拟机的vnc地址 (see the admin endpoint)")
        public Envelope getVnc(@PathParam("node") String node, @QueryParam("hostId") String hostId,
                               @QueryParam("page") String page, @QueryParam("size") String size,
                               @Context HttpHeaders headers) {
            return ConsoleResource.getVnc(consoles, pages, caller, node, hostId, page, size, headers);
        }

        @PUT
        @Path("{node}/updateVncPassword")
        @Operation(summary = "修改指定虚拟机的VNC密码 {hostId, password}: revokes the console URL (see the admin endpoint)")
        public Envelope updateVncPassword(@PathParam("node") String node, VncPasswordBody body,
                                          @Context HttpHeaders headers) {
            return ConsoleResource.updateVncPassword(consoles, body, headers);
        }
    }
}
