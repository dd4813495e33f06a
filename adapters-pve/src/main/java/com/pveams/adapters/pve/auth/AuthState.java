package com.pveams.adapters.pve.auth;

import java.util.Map;

/**
 * Headers that authenticate one request, plus an identity for the credential they came from (so a 401 invalidates
 * exactly that ticket and not a newer one). Never logged: {@link #toString()} hides the values.
 */
public record AuthState(Map<String, String> headers, Object generation) {
    public AuthState {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "AuthState[" + headers.keySet() + "]";
    }
}
