package com.pveams.adapters.rest.publicapi;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.security.ApiKeyAuth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@ApiKeyAuth
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Tag(name = "API", description = "Public API for billing panels")
public class StatusResource {

    @GET
    @Path("status")
    @Operation(summary = "通讯测试: billing plugins call it to test their credentials")
    public Envelope status(@Context HttpHeaders headers) {
        return Envelope.done(headers, "通讯正常", "Communication OK");
    }
}
