package com.pveams.adapters.rest.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.domain.catalog.CpuTypes;
import com.pveams.domain.catalog.OsCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Open catalogue endpoints: no authentication. */
@Path("/api/common")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "通用接口", description = "No authentication")
public class CommonResource {
    static final String NAME = "ProxmoxVE-AMS";
    static final String DESCRIPTION = "KVM virtual server management on Proxmox VE for hosting providers.";

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @RegisterForReflection
    public record VersionJson(String name, String description, String version, String buildVersion) {
    }

    @GET
    @Path("cpuType")
    @Operation(summary = "获取CPU类型: CPU type → vendor/description")
    public Envelope cpuType(@Context HttpHeaders headers) {
        return Envelope.ok(CpuTypes.all(), LegacyResponses.english(headers));
    }

    @GET
    @Path("osType")
    @Operation(summary = "获取OS类型")
    public Envelope osType(@Context HttpHeaders headers) {
        return Envelope.ok(OsCatalog.OS_TYPES, LegacyResponses.english(headers));
    }

    @GET
    @Path("osArch")
    @Operation(summary = "获取OS架构列表 (the contract's spelling: x86_64, arrch64; inputs also accept aarch64)")
    public Envelope osArch(@Context HttpHeaders headers) {
        return Envelope.ok(OsCatalog.CONTRACT_ARCHITECTURES, LegacyResponses.english(headers));
    }

    @GET
    @Path("version")
    @Operation(summary = "获取系统版本信息 (any method)")
    public Envelope version(@Context HttpHeaders headers) {
        return Envelope.ok(new VersionJson(NAME, DESCRIPTION, version, version), LegacyResponses.english(headers));
    }
}
