package com.pveams.adapters.rest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Conventions of list endpoints ({@code ams.api.*}). */
@ConfigMapping(prefix = "ams.api")
public interface ApiConfig {
    /** Largest page a list endpoint serves; larger requests are refused, naming the parameter. */
    @WithDefault("500")
    int maxPageSize();
}
