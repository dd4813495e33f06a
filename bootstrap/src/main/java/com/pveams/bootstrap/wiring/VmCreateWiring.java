package com.pveams.bootstrap.wiring;

import com.pveams.application.config.VmCreatePolicy;
import com.pveams.bootstrap.config.VmCreateSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The create's policy from {@code ams.vm.create-wait}. */
public class VmCreateWiring {

    @Produces
    @Singleton
    VmCreatePolicy vmCreatePolicy(VmCreateSettings settings) {
        return new VmCreatePolicy(settings.createWait());
    }
}
