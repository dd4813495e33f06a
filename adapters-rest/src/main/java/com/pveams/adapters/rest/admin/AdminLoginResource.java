package com.pveams.adapters.rest.admin;

import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.AdminPath;
import com.pveams.adapters.rest.security.AdminTokens;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase;
import com.pveams.application.port.in.access.AdminLoginUseCase.LoginCommand;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/{adminPath}")
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "后台/登录鉴权", description = "Admin login (no token needed)")
public class AdminLoginResource {
    private final AdminLoginUseCase login;
    private final AdminTokens tokens;
    private final AdminConfig config;
    private final CurrentCaller caller;

    @Context
    UriInfo uriInfo;

    @Inject
    public AdminLoginResource(AdminLoginUseCase login, AdminTokens tokens, AdminConfig config, CurrentCaller caller) {
        this.login = login;
        this.tokens = tokens;
        this.config = config;
        this.caller = caller;
    }

    public record LoginBody(String username, String password) {
    }

    @POST
    @Path("loginDo")
    @Operation(summary = "登陆接口: returns an admin JWT in data (also in the Authorization response header)")
    public Response loginDo(LoginBody body, @Context HttpHeaders headers, @Context HttpServerRequest httpRequest) {
        if (!AdminPath.matches(uriInfo, config)) {
            throw new DomainException(ErrorCode.NOT_PERMISSION);
        }
        LoginBody b = Bodies.require(body);
        caller.claimedUsername(b.username());
        String address = httpRequest == null || httpRequest.remoteAddress() == null ? null : httpRequest.remoteAddress().hostAddress();
        AdminIdentity admin = login.login(new LoginCommand(b.username(), b.password(), address));
        caller.admin(admin);
        String jwt = tokens.issue(admin);
        return Response.ok(Envelope.ok(jwt, LegacyResponses.english(headers)))
                .header(HttpHeaders.AUTHORIZATION, jwt)
                .build();
    }
}
