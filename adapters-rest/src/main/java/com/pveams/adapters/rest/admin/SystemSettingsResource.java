package com.pveams.adapters.rest.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.settings.SystemSettings;
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
    @RegisterForReflection
    public record DiskSizesJson(@JsonProperty("Linux") Integer linux, @JsonProperty("Windows") Integer windows) {
    }

    /** The whole settings row in the legacy {@code config} shape (client B's settings page). */
    @RegisterForReflection
    public record ConfigJson(Integer id, String token, Integer linuxSystemDiskSize, Integer winSystemDiskSize,
                             Integer bwlimit, Integer vncTime, Integer deleteDays) {
        static ConfigJson of(SystemSettings s) {
            return new ConfigJson(1, s.controlledSecret(), s.diskSizes().linuxGb(), s.diskSizes().windowsGb(),
                    s.defaultBwlimitKbps(), s.vncSessionMinutes(), s.recycleBinDays());
        }
    }

    @GET
    @Path("getAllConfig")
    @Operation(summary = "获取全部系统设置 (token = 被控通讯密钥, disk sizes in GB, bwlimit KB/s, vncTime minutes)")
    public Envelope allConfig(@Context HttpHeaders headers) {
        return Envelope.ok(ConfigJson.of(settings.settings()), LegacyResponses.english(headers));
    }

    @POST
    @Path("updateConfig")
    @Operation(summary = "修改系统设置: any subset of the getAllConfig fields (also PUT)")
    public Envelope updateConfig(ConfigJson body, @Context HttpHeaders headers) {
        ConfigJson b = Bodies.require(body);
        SystemSettings updated;
        try {
            updated = settings.update(new SystemSettings.Patch(b.linuxSystemDiskSize(), b.winSystemDiskSize(),
                    b.bwlimit(), b.vncTime(), b.deleteDays(), b.token()));
        } catch (DomainException e) {
            throw renamed(e);
        }
        return Envelope.ok(ConfigJson.of(updated), LegacyResponses.english(headers));
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

    /** Disk-size rules name the fields as updateVmDefaultDiskSize spells them; this endpoint spells them otherwise. */
    private static DomainException renamed(DomainException e) {
        String field = e.field().orElse(null);
        String renamed = "Linux".equals(field) ? "linuxSystemDiskSize" : "Windows".equals(field) ? "winSystemDiskSize" : null;
        if (renamed == null) {
            return e;
        }
        return DomainException.invalid(renamed, "必须在 1 到 " + DefaultDiskSizes.MAX_GB + " 之间（GB）",
                "must be between 1 and " + DefaultDiskSizes.MAX_GB + " (GB)");
    }
}
