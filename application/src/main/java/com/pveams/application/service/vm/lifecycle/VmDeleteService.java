package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.port.in.vm.DeleteVmUseCase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Starts the delete operation; its steps are {@link DeleteStopStep}, {@link DeleteDestroyStep}, {@link DeleteReleaseStep}. */
@Singleton
public class VmDeleteService implements DeleteVmUseCase {
    private final VmLifecycleWrites writes;

    @Inject
    public VmDeleteService(VmLifecycleWrites writes) {
        this.writes = writes;
    }

    @Override
    public Accepted delete(DeleteVm command) {
        return new Accepted(command.hostId(), writes.startDelete(command.hostId(), command.requestedBy()));
    }
}
