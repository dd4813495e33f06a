package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.PowerVmUseCase;
import com.pveams.application.port.in.vm.PowerVmUseCase.PowerVmCommand;
import jakarta.inject.Inject;
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
 * Admin power actions ({@code PUT /{adminPath}/power/{hostId}/{action}}, POST too). The optional body carries
 * {@code pauseInfo}, the reason kept with {@code pause}. Answers when the operation is accepted.
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/实例管理/实例操作", description = "VM power actions")
public class AdminVmPowerResource {
    private final PowerVmUseCase power;
    private final CurrentCaller caller;

    @Inject
    public AdminVmPowerResource(PowerVmUseCase power, CurrentCaller caller) {
        this.power = power;
        this.caller = caller;
    }

    public record PauseBody(String pauseInfo) {
    }

    @PUT
    @Path("power/{hostId}/{action}")
    @Operation(summary = "电源状态操作: start=开机, stop=关机 (graceful), shutdown=强制关机, reboot, suspend (hibernate), "
            + "resume, pause (admin suspension, body pauseInfo), unpause; answers once the operation is accepted")
    public Envelope power(@PathParam("hostId") String hostId, @PathParam("action") String action, PauseBody body,
                          @Context HttpHeaders headers) {
        power.power(PowerVmCommand.of(Params.requiredId(hostId, "hostId"), action,
                body == null ? null : body.pauseInfo(), caller.actor()));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }
}
