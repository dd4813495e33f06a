package com.pveams.application.config;

import java.util.Objects;

/** This process among the replicas that share the database: the owner id of the job leases it takes. */
public record ReplicaIdentity(String id) {
    public ReplicaIdentity {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 128) {
            throw new IllegalArgumentException("replica id must be 1 to 128 characters");
        }
    }
}
