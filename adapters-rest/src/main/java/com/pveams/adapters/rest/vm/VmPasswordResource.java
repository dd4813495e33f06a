package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.ResetGuestPasswordUseCase;
import com.pveams.application.port.in.vm.ResetGuestPasswordUseCase.Accepted;
import com.pveams.application.port.in.vm.ResetGuestPasswordUseCase.ResetGuestPassword;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public guest password reset, {@code updateVmConfig/restPassword} (the legacy spelling; also POST). The
 * contract has no admin equivalent. The password is audited masked (its field name is secret).
 */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class VmPasswordResource {
    private final ResetGuestPasswordUseCase resets;
    private final CurrentCaller caller;

    @Inject
    public VmPasswordResource(ResetGuestPasswordUseCase resets, CurrentCaller caller) {
        this.resets = resets;
        this.caller = caller;
    }

    public record PasswordBody(Long hostId, String newPassword) {
        @Override
        public String toString() {
            return "PasswordBody[hostId=" + hostId + "]";
        }
    }

    /** {@code method}: {@code agent} (set in the running guest now) or {@code cloudinit} (at the next boot; a running VM is restarted). */
    @RegisterForReflection
    public record PasswordJson(long hostId, long operationId, String method) {
        static PasswordJson of(Accepted a) {
            return new PasswordJson(a.hostId(), a.operationId(), a.method().wireName());
        }
    }

    @PUT
    @Path("{nodeType}/updateVmConfig/restPassword")
    @Operation(summary = "修改虚拟机密码 {hostId, newPassword} (also POST): through the guest agent when it answers, else cloud-init and a restart; data.method says which")
    public Envelope reset(@PathParam("nodeType") String nodeType, PasswordBody body, @Context HttpHeaders headers) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
        PasswordBody b = Bodies.require(body);
        Accepted accepted = resets.reset(ResetGuestPassword.of(b.hostId(), b.newPassword(), caller.actor()));
        return Envelope.ok(PasswordJson.of(accepted), LegacyResponses.english(headers));
    }
}
