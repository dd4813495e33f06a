package com.pveams.application.port.in.access;

import java.util.Optional;

public interface AdminSessionQuery {
    /** The admin a verified token names, if it still exists and the token predates no password change. */
    Optional<AdminIdentity> resolve(long adminId, long credentialVersion);
}
