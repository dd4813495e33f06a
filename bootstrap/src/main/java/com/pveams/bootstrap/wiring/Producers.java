package com.pveams.bootstrap.wiring;

import com.pveams.adapters.net.UrlPolicy;
import com.pveams.adapters.persistence.crypto.BcryptPasswordHasher;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.adapters.ssh.SshNodeShellConfig;
import com.pveams.bootstrap.config.PveSettings;
import com.pveams.bootstrap.config.SshSettings;
import com.pveams.application.config.AccessPolicy;
import com.pveams.application.config.RetentionPolicy;
import com.pveams.application.port.out.PasswordHasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

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

    @Produces
    @Singleton
    AccessPolicy accessPolicy(AdminConfig admin) {
        return new AccessPolicy(admin.loginMaxFailuresPerUsername(), admin.loginMaxFailuresPerAddress(),
                admin.loginFailureWindow());
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
}
