package com.pveams.application.port.in.access;

import com.pveams.domain.access.Admin.AdminProfile;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** The admin-account family: register, list, update, delete. */
public interface ManageAdminsUseCase {
    AdminView register(RegisterAdminCommand command);

    Page<AdminView> list(PageRequest request);

    AdminView update(UpdateAdminCommand command);

    /** Refuses to delete the acting admin or the last admin, so the system can never be locked out. */
    void delete(long id, long actingAdminId);

    record RegisterAdminCommand(String username, String password, AdminProfile profile) {
    }

    /** {@code password} null or empty means unchanged; {@code username} null means unchanged. */
    record UpdateAdminCommand(Long id, String username, String password, AdminProfile profile) {
    }
}
