package com.pveams.application.port.out;

import com.pveams.domain.access.Admin;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface AdminRepository {
    Optional<Admin> findById(long id);

    Optional<Admin> findByUsername(String username);

    Page<Admin> page(PageRequest request);

    /** Inserts the admin unless its username is taken (atomically, also across replicas); empty when taken. */
    Optional<Admin> insertIfUsernameFree(Admin admin);

    /** Saves changed fields; false when the username is taken by another admin. */
    boolean update(Admin admin);

    boolean delete(long id);

    long count();
}
