package com.pveams.adapters.rest.flavour;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.hardware.CatalogParams;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.flavour.ManageFlavoursUseCase;
import com.pveams.application.port.in.flavour.ManageFlavoursUseCase.UpdateFlavourCommand;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.flavour.Flavour;
import com.pveams.domain.flavour.FlavourSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/实例管理/配置模板管理", description = "Flavours (configuration templates)")
public class FlavourResource {
    private final ManageFlavoursUseCase flavours;
    private final PageParams pages;
    private final ObjectMapper json;

    @Inject
    public FlavourResource(ManageFlavoursUseCase flavours, PageParams pages, ObjectMapper json) {
        this.flavours = flavours;
        this.pages = pages;
        this.json = json;
    }

    /**
     * Legacy field names and units: {@code cpuUnits} percent, {@code bwlimit} MB/s, {@code memory} MB, sizes in GB,
     * booleans as true/false or 0/1. The id is {@code id} or {@code configureTemplateId}. {@code dataDisk} is a JSON
     * object or its text.
     */
    public record FlavourBody(Long id, Long configureTemplateId, String name, Integer sockets, Integer cores,
                              Integer threads, Boolean devirtualization, Boolean kvm, Long cpuModel, Long modelGroup,
                              Boolean nested, String cpu, Integer cpuUnits, Integer bwlimit, String arch, Boolean acpi,
                              Integer memory, String storage, Integer systemDiskSize, Object dataDisk,
                              Integer bandwidth, Boolean onBoot) {
        FlavourSpec.Draft draft(Map<String, ?> dataDisks) {
            return new FlavourSpec.Draft(name, sockets, cores, threads, devirtualization, kvm, cpuModel, modelGroup,
                    nested, cpu, cpuUnits, bwlimit, arch, acpi, memory, storage, systemDiskSize, dataDisks, bandwidth,
                    onBoot);
        }

        Long anyId() {
            return id != null ? id : configureTemplateId;
        }
    }

    /** Booleans are 0/1, as the admin UI sends them and compares them; {@code dataDisk} is JSON text or null. */
    @RegisterForReflection
    public record FlavourJson(long id, String name, int sockets, int cores, int threads, int devirtualization, int kvm,
                              Long cpuModel, Long modelGroup, int nested, String cpu, int cpuUnits, Integer bwlimit,
                              String arch, int acpi, int memory, String storage, Integer systemDiskSize,
                              String dataDisk, int bandwidth, int onBoot, long createDate) {
        static FlavourJson of(Flavour f) {
            FlavourSpec s = f.spec();
            return new FlavourJson(f.id(), s.name(), s.sockets(), s.cores(), s.threads(), bit(s.devirtualization()),
                    bit(s.kvm()), s.cpuModelId(), s.modelGroupId(), bit(s.nested()), s.cpu(), s.cpuUnitsPercent(),
                    s.bwlimitMBps(), s.arch(), bit(s.acpi()), s.memoryMb(), s.storage(), s.systemDiskGb(),
                    s.dataDisks().isEmpty() ? null : s.dataDisks().json(), s.bandwidthMbps(), bit(s.onBoot()),
                    f.createdAt().toEpochMilli());
        }

        private static int bit(boolean b) {
            return b ? 1 : 0;
        }
    }

    @POST
    @Path("addConfiguretemplate")
    @Operation(summary = "增加配置模板 (name required; nested needs cpu host or max: 1010)")
    public Envelope add(FlavourBody body, @Context HttpHeaders headers) {
        FlavourBody b = Bodies.require(body);
        Flavour f = flavours.create(b.draft(dataDisks(b.dataDisk())));
        return Envelope.ok(FlavourJson.of(f), LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteConfiguretemplate/{id}")
    @Operation(summary = "删除配置模板; VMs built from it keep their values")
    public Envelope delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        flavours.delete(Params.requiredId(id, "id"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateConfiguretemplate")
    @Operation(summary = "修改配置模板 (fields not sent stay; cpuModel/modelGroup 0 = none; also POST)")
    public Envelope update(FlavourBody body, @Context HttpHeaders headers) {
        FlavourBody b = Bodies.require(body);
        Flavour f = flavours.update(new UpdateFlavourCommand(b.anyId(), b.draft(dataDisks(b.dataDisk()))));
        return Envelope.ok(FlavourJson.of(f), LegacyResponses.english(headers));
    }

    @GET
    @Path("getConfiguretemplateByPage")
    @Operation(summary = "分页查询配置模板 (page and limit, both required)")
    public Envelope list(@QueryParam("page") String page, @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(flavours.list(CatalogParams.requiredPage(pages, page, limit, "limit")),
                FlavourJson::of), LegacyResponses.english(headers));
    }

    /** The contract types {@code dataDisk} as a string; clients send the object or its JSON text. Empty = none. */
    private Map<String, ?> dataDisks(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = (Map<String, ?>) m;
            return map;
        }
        if (raw instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            try {
                Object parsed = json.readValue(s, Object.class);
                if (parsed instanceof Map<?, ?>) {
                    return dataDisks(parsed);
                }
            } catch (JsonProcessingException e) {
                // reported below like any other non-object
            }
        }
        throw DomainException.invalid("dataDisk", "必须是 JSON 对象（槽位 → 大小 GB）", "must be a JSON object (slot → size in GB)");
    }
}
