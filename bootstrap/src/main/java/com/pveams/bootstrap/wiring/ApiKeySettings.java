package com.pveams.bootstrap.wiring;

import com.pveams.application.config.ApiKeyPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether the admin list shows API keys again ({@code ams.api-keys.reveal}). */
public class ApiKeySettings {

    @Produces
    @Singleton
    ApiKeyPolicy apiKeyPolicy(@ConfigProperty(name = "ams.api-keys.reveal", defaultValue = "true") boolean reveal) {
        return new ApiKeyPolicy(reveal);
    }
}
