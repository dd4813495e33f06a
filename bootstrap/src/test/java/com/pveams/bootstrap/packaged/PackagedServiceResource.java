package com.pveams.bootstrap.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configuration of the packaged service under {@code @QuarkusIntegrationTest}: a fresh data directory (so it starts
 * its own embedded PostgreSQL there, as a single install does), a known first admin password and cheap hashing.
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN_PASSWORD = "packaged-admin-password-1";
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("ams-packaged");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "ams.data-dir", dataDir.resolve("data").toString(),
                "ams.admin.initial-password", ADMIN_PASSWORD,
                "ams.admin.bcrypt-cost", "4",
                "quarkus.http.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
