package com.pveams.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** SSH to PVE nodes ({@code ams.ssh.*}). */
@ConfigMapping(prefix = "ams.ssh")
public interface SshSettings {
    @WithDefault("15s")
    Duration connectTimeout();

    @WithDefault("2m")
    Duration commandTimeout();

    @WithDefault("2h")
    Duration downloadTimeout();

    @WithDefault("1h")
    Duration importTimeout();

    /** Let image downloads reach loopback/link-local/private addresses (a mirror on the operator's network). */
    @WithDefault("false")
    boolean allowPrivateDownloadTargets();
}
