package com.pveams.bootstrap.wiring;

import com.pveams.application.port.in.crypto.ReEncryptSecretsUseCase;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import com.pveams.bootstrap.config.SecretsSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Re-encrypts stored secrets written with an older key ({@code ams.secrets.rotation-every}, default hourly), on
 * one replica per period.
 */
@ApplicationScoped
public class SecretRotationJob {
    static final String NAME = "secret-rotation";
    private static final Logger LOG = Logger.getLogger(SecretRotationJob.class);

    private final ClusterJobs jobs;
    private final ReEncryptSecretsUseCase rotation;
    private final SecretsSettings settings;

    @Inject
    public SecretRotationJob(ClusterJobs jobs, ReEncryptSecretsUseCase rotation, SecretsSettings settings) {
        this.jobs = jobs;
        this.rotation = rotation;
        this.settings = settings;
    }

    @Scheduled(every = "${ams.secrets.rotation-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        jobs.runExclusively(NAME, settings.rotationEvery(), this::reEncrypt);
    }

    private void reEncrypt() {
        ReEncryptSecretsUseCase.Result result = rotation.reEncryptStale();
        if (result.reEncrypted() > 0) {
            LOG.infof("Key rotation re-encrypted %d stored secrets with the current key", result.reEncrypted());
        }
        if (result.undecryptable() > 0) {
            LOG.warnf("Key rotation could not decrypt %d stored secrets (is a key missing from"
                    + " ams.secrets.previous-keys?), for example %s", result.undecryptable(), result.samples());
        }
    }
}
