package com.pveams.adapters.catalogue;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the online image catalogue comes from.
 *
 * @param url     the catalogue's URL ({@code ams.os-catalogue.url}); empty: only the copy shipped with the service
 * @param timeout connect and read limit for the URL, after which the shipped copy is used
 */
public record OsCatalogueConfig(Optional<URI> url, Duration timeout) {
    public OsCatalogueConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        url.ifPresent(u -> {
            if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme())) {
                throw new IllegalArgumentException("ams.os-catalogue.url must be an http(s) URL");
            }
        });
    }

    public static OsCatalogueConfig bundledOnly() {
        return new OsCatalogueConfig(Optional.empty(), Duration.ofSeconds(5));
    }
}
