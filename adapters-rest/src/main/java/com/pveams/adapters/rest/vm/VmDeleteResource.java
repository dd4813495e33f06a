package com.pveams.adapters.rest.vm;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.vm.DeleteVmUseCase;
import com.pveams.application.port.in.vm.DeleteVmUseCase.Accepted;
import com.pveams.application.port.in.vm.DeleteVmUseCase.DeleteVm;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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
 * Deleting a VM, admin ({@link PublicVmDeleteResource} is the public one). The legacy also took POST and PUT (the admin UI's VM page sends PUT): see
 * {@code legacy/MethodLeniency}. The answer comes once the delete operation is started; admins follow it with
 * {@code getOperation/{operationId}}.
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "后台/实例管理", description = "VM lifecycle: delete")
public class VmDeleteResource {
    private final DeleteVmUseCase deletes;
    private final CurrentCaller caller;

    @Inject
    public VmDeleteResource(DeleteVmUseCase deletes, CurrentCaller caller) {
        this.deletes = deletes;
        this.caller = caller;
    }

    /** {@code hostId} is the VM row id, never the PVE vmid. */
    @RegisterForReflection
    public record DeleteJson(long hostId, long operationId) {
        static DeleteJson of(Accepted a) {
            return new DeleteJson(a.hostId(), a.operationId());
        }
    }

    @DELETE
    @Path("delete/{hostId}")
    @Operation(summary = "删除虚拟机 (also POST, PUT): stops it, destroys it on PVE with its disks, frees its addresses; final, no recycle bin")
    public Envelope adminDelete(@PathParam("hostId") String hostId, @Context HttpHeaders headers) {
        return delete(deletes, caller, hostId, headers);
    }

    static Envelope delete(DeleteVmUseCase deletes, CurrentCaller caller, String hostId, HttpHeaders headers) {
        Accepted accepted = deletes.delete(new DeleteVm(Params.requiredId(hostId, "hostId"), caller.actor()));
        return Envelope.ok(DeleteJson.of(accepted), LegacyResponses.english(headers));
    }
}
