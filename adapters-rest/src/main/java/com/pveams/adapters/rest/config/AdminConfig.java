package com.pveams.adapters.rest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Admin API settings ({@code ams.admin.*}, env {@code AMS_ADMIN_*}). */
@ConfigMapping(prefix = "ams.admin")
public interface AdminConfig {
    /** First path segment of every admin endpoint. */
    @WithDefault("admin")
    String path();

    /** Lifetime of an admin token. */
    @WithDefault("2h")
    Duration tokenTtl();

    /** Base64 HS256 key (at least 32 bytes) signing admin tokens; generated into the data dir when absent. */
    Optional<String> jwtSecret();

    /** Password of the first {@code admin} account; random (written to the data dir) when absent. */
    Optional<String> initialPassword();

    /** Failed logins allowed per username within the window. */
    @WithDefault("5")
    int loginMaxFailuresPerUsername();

    /** Failed logins allowed per client address within the window. */
    @WithDefault("20")
    int loginMaxFailuresPerAddress();

    @WithDefault("15m")
    Duration loginFailureWindow();

    /** bcrypt work factor for admin passwords. */
    @WithDefault("12")
    int bcryptCost();
}
