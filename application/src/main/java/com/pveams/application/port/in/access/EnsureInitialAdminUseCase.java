package com.pveams.application.port.in.access;

import java.util.Optional;

public interface EnsureInitialAdminUseCase {
    /**
     * Creates the {@code admin} account when no admin exists.
     * @param configuredPassword the operator's chosen password, if any
     * @return the generated password when one had to be made up, so the caller can hand it to the operator safely
     */
    Optional<String> ensureInitialAdmin(Optional<String> configuredPassword);
}
