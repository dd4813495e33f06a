package com.pveams.application.port.in.access;

/** Who an authenticated admin request acts as. */
public record AdminIdentity(long id, String username, long credentialVersion) {
}
