package com.pveams.adapters.pve.auth;

import com.pveams.application.port.out.hypervisor.NodeAuth;
import java.util.Map;

/** {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}; tokens need no CSRF header and cannot be renewed. */
public final class ApiTokenAuthenticator implements NodeAuthenticator {

    private final AuthState state;

    public ApiTokenAuthenticator(NodeAuth.ApiToken token) {
        this.state = new AuthState(Map.of("Authorization",
                "PVEAPIToken=" + token.userId() + "!" + token.tokenId() + "=" + token.secret()), token.tokenId());
    }

    @Override
    public AuthState authenticate(boolean mutating) {
        return state;
    }

    @Override
    public boolean refreshAfterUnauthorized(AuthState used) {
        return false;
    }
}
