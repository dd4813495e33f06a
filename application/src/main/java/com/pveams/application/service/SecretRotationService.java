package com.pveams.application.service;

import com.pveams.application.config.SecretRotationPolicy;
import com.pveams.application.port.in.crypto.ReEncryptSecretsUseCase;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore.Rewrite;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore.StoredSecret;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks each encrypted column in batches by row id and rewrites stale ciphertexts under the current key. Not one
 * big transaction: each batch's rewrite is a compare-and-set per row, so nothing is held locked while the walk
 * goes on, an admin's concurrent change wins, and a second replica doing the same walk only finds nothing to do.
 */
@Singleton
public class SecretRotationService implements ReEncryptSecretsUseCase {
    static final int MAX_SAMPLES = 10;

    private final EncryptedSecretsStore store;
    private final SecretCipher cipher;
    private final SecretRotationPolicy policy;

    @Inject
    public SecretRotationService(EncryptedSecretsStore store, SecretCipher cipher, SecretRotationPolicy policy) {
        this.store = store;
        this.cipher = cipher;
        this.policy = policy;
    }

    @Override
    public Result reEncryptStale() {
        String currentKey = cipher.currentKeyId();
        int reEncrypted = 0;
        int undecryptable = 0;
        List<String> samples = new ArrayList<>();
        for (String column : store.columns()) {
            long after = 0;
            List<StoredSecret> batch;
            do {
                batch = store.findStale(column, currentKey, after, policy.batchSize());
                List<Rewrite> rewrites = new ArrayList<>(batch.size());
                for (StoredSecret stale : batch) {
                    after = Math.max(after, stale.rowId());
                    if (!cipher.needsReEncryption(stale.ciphertext())) {
                        continue;
                    }
                    try {
                        String plaintext = cipher.decrypt(stale.ciphertext());
                        rewrites.add(new Rewrite(stale.rowId(), stale.ciphertext(), cipher.encrypt(plaintext)));
                    } catch (UndecryptableSecretException e) {
                        undecryptable++;
                        if (samples.size() < MAX_SAMPLES) {
                            samples.add(column + "#" + stale.rowId() + ": " + e.reason()
                                    + (e.keyId() == null ? "" : " (key id " + e.keyId() + ")"));
                        }
                    }
                }
                if (!rewrites.isEmpty()) {
                    reEncrypted += store.rewrite(column, rewrites);
                }
            } while (batch.size() == policy.batchSize());
        }
        return new Result(reEncrypted, undecryptable, samples);
    }
}
