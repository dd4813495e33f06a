package com.pveams.bootstrap.security;

import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.application.port.in.access.EnsureInitialAdminUseCase;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * On a fresh database, creates the {@code admin} account. A generated password goes to
 * {@code <data dir>/initial-admin-password} (mode 0600); the log names the file, never the password.
 */
public class InitialAdmin {
    private static final Logger LOG = Logger.getLogger(InitialAdmin.class);
    static final String FILE_NAME = "initial-admin-password";

    void onStart(@Observes StartupEvent event, EnsureInitialAdminUseCase admins, AdminConfig config, DataDirectory dataDir) {
        Optional<String> generated = admins.ensureInitialAdmin(config.initialPassword());
        if (generated.isEmpty()) {
            return;
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            SecretFiles.writeOwnerOnly(file, generated.get() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the initial admin password to " + file, e);
        }
        LOG.warnf("Created the first admin account 'admin'; its password is in %s. Log in and change it.", file);
    }
}
