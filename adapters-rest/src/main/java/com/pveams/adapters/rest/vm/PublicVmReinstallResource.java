package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.adapters.rest.vm.VmReinstallResource.ReinstallBody;
import com.pveams.application.port.in.vm.ReinstallVmUseCase;
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

/** The public reinstall, {@code /api/v1/pve/reinstall}: the same use case and answer as {@link VmReinstallResource}. */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class PublicVmReinstallResource {
    private final ReinstallVmUseCase reinstalls;
    private final CurrentCaller caller;

    @Inject
    public PublicVmReinstallResource(ReinstallVmUseCase reinstalls, CurrentCaller caller) {
        this.reinstalls = reinstalls;
        this.caller = caller;
    }

    @PUT
    @Path("{nodeType}/reinstall")
    @Operation(summary = "重装系统 {hostId (row id, not the vmid), os, newPassword, resetDataDisk} (also POST): same "
            + "vmid, addresses and hardware; newPassword empty keeps the password")
    public Envelope reinstall(@PathParam("nodeType") String nodeType, ReinstallBody body, @Context HttpHeaders headers) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
        return VmReinstallResource.reinstall(reinstalls, caller, body, headers);
    }
}
