package com.pveams.adapters.rest.vm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.CreateVmCommand;
import com.pveams.application.port.in.vm.CreateVmResult;
import com.pveams.application.port.in.vm.CreateVmUseCase;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.vm.GuestNetwork;
import com.pveams.domain.vm.create.DiskLimits;
import com.pveams.domain.vm.create.VmRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creating a VM, admin {@code createVm} ({@link PublicVmCreateResource} is the public one). The admin answer comes
 * once the create operation is started, with the VM as stored (status 6, creating).
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "后台/实例管理", description = "VM lifecycle: create")
public class VmCreateResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CreateVmUseCase creates;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    @Inject
    public VmCreateResource(CreateVmUseCase creates, CurrentCaller caller, ObjectMapper json) {
        this.creates = creates;
        this.caller = caller;
        this.json = json;
    }

    /**
     * The legacy {@code VmParams} (booleans as true/false or 0/1; unknown fields ignored). {@code dataDisk} and
     * {@code ipConfig} are JSON objects or their text.
     */
    public record CreateVmBody(Long nodeid, String hostname, Long configureTemplateId, Integer sockets, Integer cores,
                               Integer threads, Boolean nested, Boolean devirtualization, Boolean kvm, Long cpuModel,
                               Long modelGroup, String cpu, Integer cpuUnits, Integer bwlimit, Long flowLimit,
                               String arch, Boolean acpi, Integer memory, String storage, Integer systemDiskSize,
                               Integer mbpsRd, Integer mbpsRdMax, Integer mbpsWr, Integer mbpsWrMax, Integer iopsRd,
                               Integer iopsRdMax, Integer iopsWr, Integer iopsWrMax, Object dataDisk, String bridge,
                               Object ipConfig, String dns1, String os, String osType, Boolean onBoot,
                               Integer bandwidth, String username, String password, Long expirationTime,
                               Boolean ifnat, Integer ipv4num, Integer ipv6num, Long publicIpPoolId) {
    }

    @POST
    @Path("createVm")
    @Operation(summary = "创建虚拟机: answers once the create operation is started (VM status 6); optional Idempotency-Key header")
    public Envelope create(CreateVmBody body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context HttpHeaders headers) {
        return create(creates, caller, json, body, idempotencyKey, false, headers);
    }

    static Envelope create(CreateVmUseCase creates, CurrentCaller caller, ObjectMapper json, CreateVmBody body,
                           String idempotencyKey, boolean await, HttpHeaders headers) {
        CreateVmBody b = Bodies.require(body);
        VmRequest request = new VmRequest(b.nodeid(), b.hostname(), b.configureTemplateId(), b.sockets(), b.cores(),
                b.threads(), b.nested(), b.devirtualization(), b.kvm(), b.cpuModel(), b.modelGroup(), b.cpu(),
                b.cpuUnits(), b.bwlimit(), b.flowLimit(), b.arch(), b.acpi(), b.memory(), b.storage(),
                b.systemDiskSize(), DiskLimits.of(b.mbpsRd(), b.mbpsRdMax(), b.mbpsWr(), b.mbpsWrMax(), b.iopsRd(),
                b.iopsRdMax(), b.iopsWr(), b.iopsWrMax()), object(json, b.dataDisk(), "dataDisk"), b.bridge(),
                strings(object(json, b.ipConfig(), "ipConfig")), b.dns1(), b.os(), b.osType(), b.onBoot(),
                b.bandwidth(), b.username(), b.password(), b.expirationTime(), b.ifnat(), b.ipv4num(), b.ipv6num(),
                b.publicIpPoolId());
        CreateVmResult vm = creates.create(new CreateVmCommand(request, caller.actor(),
                idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey, await));
        return Envelope.ok(json(vm), LegacyResponses.english(headers));
    }

    /** The contract's {@code cerateVM} answer: the normalised request plus what the create chose. */
    static Map<String, Object> json(CreateVmResult v) {
        GuestNetwork net = GuestNetwork.of(v.ipConfig());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeid", v.nodeId());
        m.put("hostid", v.hostId());
        m.put("vmid", v.vmid());
        m.put("hostname", v.hostname());
        m.put("configureTemplateId", v.flavourId());
        m.put("sockets", v.sockets());
        m.put("cores", v.cores());
        m.put("threads", v.threads());
        m.put("nested", v.nested());
        m.put("devirtualization", v.devirtualization());
        m.put("kvm", v.kvm());
        m.put("cpuModel", v.cpuModelId());
        m.put("modelGroup", v.modelGroupId());
        m.put("cpu", v.cpu());
        m.put("cpuUnits", v.cpuUnits());
        m.put("bwlimit", v.bwlimitKbps());
        m.put("args", v.args());
        m.put("arch", v.arch());
        m.put("acpi", bit(v.acpi()));
        m.put("memory", v.memoryMb());
        m.put("swap", null);
        m.put("storage", v.storage());
        m.put("systemDiskSize", v.systemDiskGb());
        m.put("dataDisk", GuestJson.object(v.dataDisk()));
        m.put("bridge", v.bridge());
        m.put("ipConfig", net.ipConfig());
        m.put("ipData", net.ipData());
        m.put("ipList", net.ipList());
        m.put("dns1", v.dns1());
        m.put("os", v.osFileName());
        m.put("osName", v.osName());
        m.put("osType", v.osType());
        m.put("iso", null);
        m.put("template", null);
        m.put("onBoot", bit(v.onBoot()));
        m.put("bandwidth", v.bandwidthMbps());
        m.put("username", v.username());
        m.put("password", v.password());
        m.put("flowLimit", v.flowLimitBytes() / (1024L * 1024 * 1024));
        m.put("ifnat", bit(v.nat()));
        m.put("task", null);
        m.put("status", v.status());
        m.put("expirationTime", v.expiresAt().toEpochMilli());
        m.put("operationId", v.operationId());
        return m;
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** A JSON object sent as such or as its text; empty text is none. */
    static Map<String, ?> object(ObjectMapper json, Object raw, String field) {
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
                    return object(json, parsed, field);
                }
            } catch (JsonProcessingException e) {
                // refused below like any other non-object
            }
        }
        throw DomainException.invalid(field, "必须是 JSON 对象", "must be a JSON object");
    }

    /** {@code ipConfig}'s values are texts; null is an automatic slot. */
    private static Map<String, String> strings(Map<String, ?> raw) {
        if (raw == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v != null && !(v instanceof String)) {
                throw DomainException.invalid("ipConfig", "的值必须是字符串", "values must be strings");
            }
            out.put(k, v == null ? "" : (String) v);
        });
        return out;
    }

    /** The stored {@code data_disk} text as the object the contract shows. */
    static final class GuestJson {
        private static final ObjectMapper JSON = new ObjectMapper();

        private GuestJson() {
        }

        static Object object(String text) {
            try {
                return text == null ? Map.of() : JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                return Map.of();
            }
        }
    }
}
