package com.pveams.application.port.in.access;

import com.pveams.domain.access.Admin;

import java.time.Instant;

/** An admin as listings show it: never the password hash. */
public record AdminView(long id, String username, String name, String phone, String email, Instant createdAt,
                        Instant lastLoginAt) {
    public static AdminView of(Admin a) {
        return new AdminView(a.id(), a.username(), a.name(), a.phone(), a.email(), a.createdAt(), a.lastLoginAt());
    }
}
