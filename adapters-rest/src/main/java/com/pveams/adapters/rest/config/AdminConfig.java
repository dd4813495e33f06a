package com.pveams.adapters.rest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
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

    /**
     * Base64 keys that signed admin tokens before a rotation: they still verify tokens but never sign. Remove them
     * once the tokens they signed have expired ({@code token-ttl}).
     */
    Optional<List<String>> jwtPreviousSecrets();

    /** Password of the first {@code admin} account; random (written to the data dir) when absent. */
    Optional<String> initialPassword();

    /** Failed logins of one username from one client address within the window before that address is refused. */
    @WithDefault("5")
    int loginMaxFailuresPerUsernameAndAddress();

    /** Failed logins from one client address (any username) within the window before it is refused. */
    @WithDefault("20")
    int loginMaxFailuresPerAddress();

    /** Failed logins of one username from all addresses within the window before its attempts are slowed down. */
    @WithDefault("10")
    int loginSlowdownAfterFailuresPerUsername();

    /** First delay between attempts on a slowed username; it doubles with every further failure. */
    @WithDefault("500ms")
    Duration loginSlowdownInitialDelay();

    /** The delay never grows beyond this: a slowed username is never locked. */
    @WithDefault("4s")
    Duration loginSlowdownMaxDelay();

    /** Sliding window of all the login counts above. */
    @WithDefault("15m")
    Duration loginFailureWindow();

    /** bcrypt work factor for admin passwords. */
    @WithDefault("12")
    int bcryptCost();
}
