package com.pveams.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The public create's wait for its VM ({@code ams.vm.create-wait}). */
@ConfigMapping(prefix = "ams.vm")
public interface VmCreateSettings {
    /** How long the public {@code cerateVM} waits for the build before answering with the VM still creating. */
    @WithDefault("30s")
    Duration createWait();

}
