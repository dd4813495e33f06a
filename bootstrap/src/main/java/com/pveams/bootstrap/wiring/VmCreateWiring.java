package com.pveams.bootstrap.wiring;

import com.pveams.application.config.VmCreatePolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The create's policy from {@code ams.vm.create-wait}. A property, not a {@code @ConfigMapping}: a mapping of the
 * {@code ams.vm} prefix would claim the other {@code ams.vm.*} properties and refuse them as unknown.
 */
public class VmCreateWiring {

    @Produces
    @Singleton
    VmCreatePolicy vmCreatePolicy(@ConfigProperty(name = "ams.vm.create-wait", defaultValue = "30s") Duration wait) {
        return new VmCreatePolicy(wait);
    }
}
