package com.pveams.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.domain.settings.DefaultDiskSizes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
@Tag(name = "后台/系统设置", description = "System settings")
public class SystemSettingsResource {
    private final SystemSettingsUseCase settings;

    @Inject
    public SystemSettingsResource(SystemSettingsUseCase settings) {
        this.settings = settings;
    }

    /** Sizes in GB, keyed as the legacy API spells them. */
    public record DiskSizesJson(@JsonProperty("Linux") Integer linux, @JsonProperty("Windows") Integer windows) {
    }

    @GET
    @Path("getControlledSecretKey")
    @Operation(summary = "获取被控通讯密钥")
    public Envelope controlledSecret(@Context HttpHeaders headers) {
        return Envelope.ok(settings.controlledSecret(), LegacyResponses.english(headers));
    }

    @GET
    @Path("getVmDefaultDiskSize")
    @Operation(summary = "获取全局虚拟机默认系统盘大小 (GB)")
    public Envelope defaultDiskSizes(@Context HttpHeaders headers) {
        DefaultDiskSizes s = settings.defaultDiskSizes();
        return Envelope.ok(new DiskSizesJson(s.linuxGb(), s.windowsGb()), LegacyResponses.english(headers));
    }

    @POST
    @Path("updateVmDefaultDiskSize")
    @Operation(summary = "修改全局虚拟机默认系统盘大小 (GB; also PUT)")
    public Envelope updateDefaultDiskSizes(DiskSizesJson body, @Context HttpHeaders headers) {
        DiskSizesJson b = Bodies.require(body);
        settings.updateDefaultDiskSizes(DefaultDiskSizes.of(b.linux(), b.windows()));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }
}
