package com.pveams.bootstrap.wiring;

import com.pveams.application.config.VmLivePolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** How VM lists and info fetch PVE's live data, from {@code ams.vm.live-*}. */
public class VmLiveSettings {

    @Produces
    @Singleton
    VmLivePolicy vmLivePolicy(
            @ConfigProperty(name = "ams.vm.live-timeout", defaultValue = "2s") Duration timeout,
            @ConfigProperty(name = "ams.vm.live-parallelism", defaultValue = "16") int parallelism,
            @ConfigProperty(name = "ams.vm.live-node-cooldown", defaultValue = "15s") Duration cooldown,
            @ConfigProperty(name = "ams.vm.live-node-backlog", defaultValue = "40") int backlog) {
        return new VmLivePolicy(timeout, parallelism, cooldown, backlog);
    }
}
