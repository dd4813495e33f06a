package com.pveams.application.port.in.crypto;

import java.util.List;

/** Key rotation: rewrites every stored secret that is not encrypted with the current key. */
public interface ReEncryptSecretsUseCase {
    /** One walk over every encrypted column. Idempotent; safe to run on several replicas at once. */
    Result reEncryptStale();

    /**
     * @param reEncrypted   values rewritten under the current key
     * @param undecryptable stale values that could not be decrypted (left as they are)
     * @param samples       a few of those, as "column#rowId: reason", for the log
     */
    record Result(int reEncrypted, int undecryptable, List<String> samples) {
        public Result {
            samples = List.copyOf(samples);
        }
    }
}
