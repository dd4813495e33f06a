package com.pveams.application.port.in.access;

import java.util.Optional;

public interface AuthenticateApiKeyUseCase {
    /** The calling client when the appid exists, is enabled and the appkey matches (compared in constant time). */
    Optional<ApiClient> authenticate(String appId, String appKey);

    record ApiClient(long keyId, String appId) {
    }
}
