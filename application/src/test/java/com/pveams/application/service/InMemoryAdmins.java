package com.pveams.application.service;

import com.pveams.application.port.out.AdminRepository;
import com.pveams.domain.access.Admin;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An AdminRepository over a map, with the same uniqueness rule as the database. */
class InMemoryAdmins implements AdminRepository {
    final Map<Long, Admin> rows = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public Optional<Admin> findById(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<Admin> findByUsername(String username) {
        return rows.values().stream().filter(a -> a.username().equals(username)).findFirst();
    }

    @Override
    public Page<Admin> page(PageRequest request) {
        var all = new ArrayList<>(rows.values());
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new Page<>(all.subList(from, to), all.size(), request.page(), request.size());
    }

    @Override
    public Optional<Admin> insertIfUsernameFree(Admin admin) {
        if (findByUsername(admin.username()).isPresent()) {
            return Optional.empty();
        }
        Admin saved = new Admin(nextId++, admin.username(), admin.passwordHash(), admin.credentialVersion(), admin.name(),
                admin.phone(), admin.email(), admin.createdAt(), admin.lastLoginAt());
        rows.put(saved.id(), saved);
        return Optional.of(saved);
    }

    @Override
    public boolean update(Admin admin) {
        if (rows.values().stream().anyMatch(a -> a.username().equals(admin.username()) && !a.id().equals(admin.id()))) {
            return false;
        }
        rows.put(admin.id(), admin);
        return true;
    }

    @Override
    public boolean delete(long id) {
        return rows.remove(id) != null;
    }

    @Override
    public long count() {
        return rows.size();
    }
}
