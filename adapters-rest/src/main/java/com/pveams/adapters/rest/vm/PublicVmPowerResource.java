package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.PowerVmUseCase;
import com.pveams.application.port.in.vm.PowerVmUseCase.PowerVmCommand;
import com.pveams.application.port.in.vm.RenewVmUseCase;
import com.pveams.application.port.in.vm.RenewVmUseCase.RenewVmCommand;
import jakarta.inject.Inject;
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
 * Power actions and renewal of the public API ({@code /api/v1/pve/…}; PUT, POST too). Both answer once the
 * operation is accepted, with {@code data: null} as the contract shows.
 */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class PublicVmPowerResource {
    private final PowerVmUseCase power;
    private final RenewVmUseCase renewal;
    private final CurrentCaller caller;

    @Inject
    public PublicVmPowerResource(PowerVmUseCase power, RenewVmUseCase renewal, CurrentCaller caller) {
        this.power = power;
        this.renewal = renewal;
        this.caller = caller;
    }

    public record RenewalBody(Long hostId, Long expirationTime) {
    }

    private static void pve(String nodeType) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
    }

    @PUT
    @Path("{nodeType}/power/{hostId}/{action}")
    @Operation(summary = "虚拟机电源状态管理: start, stop (graceful), shutdown (forced), reboot, suspend, resume, pause, unpause")
    public Envelope power(@PathParam("nodeType") String nodeType, @PathParam("hostId") String hostId,
                          @PathParam("action") String action, @Context HttpHeaders headers) {
        pve(nodeType);
        power.power(PowerVmCommand.of(Params.requiredId(hostId, "hostId"), action, null, caller.actor()));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }

    @PUT
    @Path("{nodeType}/updateVmConfig/renewal")
    @Operation(summary = "续期 {hostId, expirationTime (ms, or s with 10 digits)}: must be in the future; a VM stopped "
            + "for expiry is started again")
    public Envelope renew(@PathParam("nodeType") String nodeType, RenewalBody body, @Context HttpHeaders headers) {
        pve(nodeType);
        RenewalBody b = Bodies.require(body);
        renewal.renew(RenewVmCommand.of(b.hostId(), b.expirationTime(), caller.actor()));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }
}
