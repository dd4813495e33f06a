package com.pveams.application.port.out.hypervisor;

import java.util.Objects;

/** Credentials for one PVE node. Secrets are never part of {@code toString()}. */
public sealed interface NodeAuth permits NodeAuth.Password, NodeAuth.ApiToken {

    /** The PVE user id, e.g. {@code root@pam}. */
    String userId();

    /** Ticket login: {@code POST /access/ticket} with user, realm and password. */
    record Password(String username, String realm, String password) implements NodeAuth {
        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            realm = realm == null || realm.isBlank() ? "pam" : realm;
            if (username.contains("@")) {
                throw new IllegalArgumentException("username must not contain the realm; pass it separately");
            }
        }

        @Override
        public String userId() {
            return username + "@" + realm;
        }

        @Override
        public String toString() {
            return "Password[" + userId() + ", password=***]";
        }
    }

    /** API token: {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}. */
    record ApiToken(String userId, String tokenId, String secret) implements NodeAuth {
        public ApiToken {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(secret, "secret");
            if (!userId.contains("@")) {
                throw new IllegalArgumentException("token user id must be USER@REALM");
            }
        }

        @Override
        public String toString() {
            return "ApiToken[" + userId + "!" + tokenId + ", secret=***]";
        }
    }
}
