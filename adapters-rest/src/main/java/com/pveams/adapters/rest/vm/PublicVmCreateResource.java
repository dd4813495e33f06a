package com.pveams.adapters.rest.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.adapters.rest.vm.VmCreateResource.CreateVmBody;
import com.pveams.application.port.in.vm.CreateVmUseCase;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
 * The public create, {@code /api/v1/pve/cerateVM} (the legacy spelling) and {@code createVM}: waits for the build
 * up to {@code ams.vm.create-wait}, then answers the VM (status 6 while the build goes on; 1011 when it failed).
 */
@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class PublicVmCreateResource {
    private final CreateVmUseCase creates;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    @Inject
    public PublicVmCreateResource(CreateVmUseCase creates, CurrentCaller caller, ObjectMapper json) {
        this.creates = creates;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("{nodeType}/cerateVM")
    @Operation(summary = "创建虚拟机 (legacy spelling): waits for the build up to ams.vm.create-wait, then answers the VM; optional Idempotency-Key header")
    public Envelope cerate(@PathParam("nodeType") String nodeType, CreateVmBody body,
                           @HeaderParam(VmCreateResource.IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context HttpHeaders headers) {
        return create(nodeType, body, idempotencyKey, headers);
    }

    @POST
    @Path("{nodeType}/createVM")
    @Operation(summary = "创建虚拟机: the same as cerateVM")
    public Envelope create(@PathParam("nodeType") String nodeType, CreateVmBody body,
                           @HeaderParam(VmCreateResource.IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context HttpHeaders headers) {
        if (!"pve".equals(nodeType)) {
            throw new NotFoundException();
        }
        return VmCreateResource.create(creates, caller, json, body, idempotencyKey, true, headers);
    }
}
