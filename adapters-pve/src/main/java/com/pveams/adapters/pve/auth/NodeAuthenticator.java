package com.pveams.adapters.pve.auth;

/** Supplies authentication headers for requests to one node. */
public interface NodeAuthenticator {

    /** Headers for the next request; {@code mutating} is true for every non-GET request (CSRF protection). */
    AuthState authenticate(boolean mutating);

    /**
     * The node answered 401 to a request made with {@code used}. Returns true if fresh credentials were obtained and
     * the request is worth repeating once; false if nothing can be renewed (e.g. an API token).
     */
    boolean refreshAfterUnauthorized(AuthState used);
}
