package com.pveams.bootstrap.wiring;

import com.pveams.application.config.NodeCachePolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The node access cache's lifetime and size from configuration ({@code ams.node-cache.*}). */
public class NodeCacheSettings {

    @Produces
    @Singleton
    NodeCachePolicy nodeCachePolicy(@ConfigProperty(name = "ams.node-cache.ttl", defaultValue = "60s") Duration ttl,
                                    @ConfigProperty(name = "ams.node-cache.max-size", defaultValue = "4096") int maxSize) {
        return new NodeCachePolicy(ttl, maxSize);
    }
}
