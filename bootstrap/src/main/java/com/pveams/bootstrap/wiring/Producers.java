package com.pveams.bootstrap.wiring;

import com.pveams.adapters.net.UrlPolicy;
import com.pveams.adapters.persistence.crypto.BcryptPasswordHasher;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.adapters.ssh.SshNodeShellConfig;
import com.pveams.bootstrap.config.PveSettings;
import com.pveams.bootstrap.config.SshSettings;
import com.pveams.adapters.catalogue.OsCatalogueConfig;
import com.pveams.application.config.AccessPolicy;
import com.pveams.application.config.ImageDownloadPolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.config.RetentionPolicy;
import com.pveams.application.port.out.PasswordHasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/** Wires the framework-free application layer to configuration and infrastructure. */
public class Producers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DataDirectory dataDirectory(@ConfigProperty(name = "ams.data-dir", defaultValue = "./data") String dir) {
        return new DataDirectory(Path.of(dir).toAbsolutePath().normalize());
    }

    /**
     * Owner id of this process's job leases: the host name (the pod name in Kubernetes) for the operator, plus a
     * random part so two processes on one host, or a restarted one, never pass for each other.
     */
    @Produces
    @Singleton
    ReplicaIdentity replicaIdentity() {
        String host = System.getenv().getOrDefault("HOSTNAME", "ams").replaceAll("[^A-Za-z0-9._-]", "");
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return new ReplicaIdentity((host.isEmpty() ? "ams" : host.substring(0, Math.min(host.length(), 100)))
                + "-" + HexFormat.of().formatHex(suffix));
    }

    @Produces
    @Singleton
    AccessPolicy accessPolicy(AdminConfig admin) {
        return new AccessPolicy(admin.loginMaxFailuresPerUsernameAndAddress(), admin.loginMaxFailuresPerAddress(),
                admin.loginSlowdownAfterFailuresPerUsername(), admin.loginSlowdownInitialDelay(),
                admin.loginSlowdownMaxDelay(), admin.loginFailureWindow());
    }

    @Produces
    @Singleton
    RetentionPolicy retentionPolicy(@ConfigProperty(name = "ams.audit.retention", defaultValue = "180d") Duration auditLog) {
        return new RetentionPolicy(auditLog);
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher(AdminConfig admin) {
        return new BcryptPasswordHasher(admin.bcryptCost());
    }

    @Produces
    @Singleton
    SshNodeShellConfig sshNodeShellConfig(SshSettings ssh) {
        return new SshNodeShellConfig(ssh.connectTimeout(), ssh.commandTimeout(), ssh.downloadTimeout(),
                ssh.importTimeout(), ssh.allowPrivateDownloadTargets());
    }

    /** PVE's download-url follows the same target rule (and the same operator switch) as the SSH downloads. */
    @Produces
    @Singleton
    UrlPolicy downloadUrlPolicy(SshSettings ssh) {
        return new UrlPolicy(ssh.allowPrivateDownloadTargets(), UrlPolicy.SYSTEM_RESOLVER);
    }

    @Produces
    @Singleton
    PveClientConfig pveClientConfig(PveSettings pve) {
        return new PveClientConfig(pve.connectTimeout(), pve.requestTimeout(), pve.maxRequestsPerNode(),
                pve.maxTasksPerStorage(), pve.queueTimeout(), pve.storageLeaseMax(), pve.retryAttempts(),
                pve.retryBaseDelay(), pve.retryMaxDelay(), pve.ticketRenewAfter(), pve.ticketLifetime(),
                pve.taskPollInitial(), pve.taskPollMax(), pve.freshUpidGrace(), pve.taskLogTailLines());
    }

    // --- OS images

    @Produces
    @Singleton
    ImageDownloadPolicy imageDownloadPolicy(
            @ConfigProperty(name = "ams.images.stale-after", defaultValue = "2m") Duration staleAfter,
            @ConfigProperty(name = "ams.images.poll-interval", defaultValue = "2s") Duration pollInterval,
            @ConfigProperty(name = "ams.images.task-timeout", defaultValue = "3h") Duration taskTimeout) {
        return new ImageDownloadPolicy(staleAfter, pollInterval, taskTimeout);
    }

    @Produces
    @Singleton
    OsCatalogueConfig osCatalogueConfig(@ConfigProperty(name = "ams.os-catalogue.url") Optional<URI> url,
                                        @ConfigProperty(name = "ams.os-catalogue.timeout", defaultValue = "5s") Duration timeout) {
        return new OsCatalogueConfig(url, timeout);
    }
}
