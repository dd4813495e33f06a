package com.pveams.application.port.in.access;

public interface AdminLoginUseCase {
    /**
     * Checks the credentials, throttling repeated failures per username and client address.
     * @throws com.pveams.domain.error.DomainException LOGIN_FAIL, ACCOUNT_LOCK (see {@link LoginThrottledException}) or a validation error
     */
    AdminIdentity login(LoginCommand command);

    record LoginCommand(String username, String password, String clientAddress) {
    }
}
