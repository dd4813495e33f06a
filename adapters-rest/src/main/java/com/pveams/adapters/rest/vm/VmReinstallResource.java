package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.ReinstallVmUseCase;
import com.pveams.application.port.in.vm.ReinstallVmUseCase.Accepted;
import com.pveams.application.port.in.vm.ReinstallVmUseCase.ReinstallVm;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reinstalling a VM, admin ({@link PublicVmReinstallResource} is the public one); PUT, POST too
 * ({@code legacy/MethodLeniency}). The answer comes once the operation is started; admins follow it with
 * {@code getOperation/{operationId}}. The new password is audited masked (its field name is secret).
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "后台/实例管理", description = "VM lifecycle: reinstall")
public class VmReinstallResource {
    private final ReinstallVmUseCase reinstalls;
    private final CurrentCaller caller;

    @Inject
    public VmReinstallResource(ReinstallVmUseCase reinstalls, CurrentCaller caller) {
        this.reinstalls = reinstalls;
        this.caller = caller;
    }

    /** The contract's body; {@code os} is an image id, file name or name. */
    public record ReinstallBody(Long hostId, String os, String newPassword, Boolean resetDataDisk) {
        @Override
        public String toString() {
            return "ReinstallBody[hostId=" + hostId + ", os=" + os + ", resetDataDisk=" + resetDataDisk + "]";
        }
    }

    /** {@code hostId} is the VM row id, never the PVE vmid. */
    @RegisterForReflection
    public record ReinstallJson(long hostId, long operationId) {
        static ReinstallJson of(Accepted a) {
            return new ReinstallJson(a.hostId(), a.operationId());
        }
    }

    @PUT
    @Path("reinstall")
    @Operation(summary = "重装虚拟机系统 {hostId, os, newPassword, resetDataDisk} (also POST): same vmid, addresses and "
            + "hardware, a new system disk from the image; newPassword empty keeps the password")
    public Envelope adminReinstall(ReinstallBody body, @Context HttpHeaders headers) {
        return reinstall(reinstalls, caller, body, headers);
    }

    static Envelope reinstall(ReinstallVmUseCase reinstalls, CurrentCaller caller, ReinstallBody body,
                              HttpHeaders headers) {
        ReinstallBody b = Bodies.require(body);
        Accepted accepted = reinstalls.reinstall(ReinstallVm.of(b.hostId(), b.os(), b.newPassword(),
                b.resetDataDisk(), caller.actor()));
        return Envelope.ok(ReinstallJson.of(accepted), LegacyResponses.english(headers));
    }
}
