package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;

/**
 * Creates a VM (admin {@code createVm}, public {@code cerateVM}/{@code createVM}): validates and completes the
 * request in the legacy order, holds its hostname, VMID and addresses, writes the VM row (status creating) and
 * starts the {@code CREATE_VM} operation that builds it on PVE, all or nothing.
 */
public interface CreateVmUseCase {

    /**
     * @return the VM as stored; with {@link CreateVmCommand#awaitBuild()}, once its operation ended or the
     * configured wait ran out (then still creating, status 6)
     * @throws DomainException the legacy codes of the rule that refused (nothing is left held), or
     *                         CREATE_VM_FAILED (1011) when the awaited operation failed within the wait
     */
    CreateVmResult create(CreateVmCommand command);
}
