package com.pveams.bootstrap.wiring;

import com.pveams.application.config.CredentialCachePolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The authentication cache's lifetime from configuration ({@code ams.auth.cache-ttl}). */
public class CredentialCacheSettings {

    @Produces
    @Singleton
    CredentialCachePolicy credentialCachePolicy(@ConfigProperty(name = "ams.auth.cache-ttl", defaultValue = "5s") Duration ttl) {
        return new CredentialCachePolicy(ttl);
    }
}
