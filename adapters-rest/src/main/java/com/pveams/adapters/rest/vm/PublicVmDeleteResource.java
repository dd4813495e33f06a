package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.DeleteVmUseCase;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public delete, {@code /api/v1/pve/delete/{hostId}}: the same use case and answer as {@link VmDeleteResource}. */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class PublicVmDeleteResource {
    private final DeleteVmUseCase deletes;
    private final CurrentCaller caller;

    @Inject
    public PublicVmDeleteResource(DeleteVmUseCase deletes, CurrentCaller caller) {
        this.deletes = deletes;
        this.caller = caller;
    }

    @DELETE
    @Path("{nodeType}/delete/{hostId}")
    @Operation(summary = "删除虚拟机 (hostId = row id, not the vmid; also POST, PUT): stops, destroys with purge, frees the addresses; final")
    public Envelope delete(@PathParam("nodeType") String nodeType, @PathParam("hostId") String hostId,
                           @Context HttpHeaders headers) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
        return VmDeleteResource.delete(deletes, caller, hostId, headers);
    }
}
