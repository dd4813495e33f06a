package com.pveams.application.port.out.crypto;

import java.util.List;

/**
 * Every stored ciphertext of {@link SecretCipher}, column by column, for the key-rotation job. Columns are named
 * by opaque ids ("node.api_secret_enc"); which tables hold secrets is the adapter's knowledge.
 */
public interface EncryptedSecretsStore {
    /** Ids of every column that holds ciphertexts. */
    List<String> columns();

    /**
     * Up to {@code limit} non-null values of {@code column} not written with key {@code currentKeyId}, in row-id
     * order, from rows with an id greater than {@code afterRowId} (so a walk can step past values it cannot fix).
     */
    List<StoredSecret> findStale(String column, String currentKeyId, long afterRowId, int limit);

    /**
     * Replaces each value only where the row still holds exactly {@code expected}: a secret changed meanwhile (a
     * new node password, or another replica's rewrite) is left alone. Returns how many values were replaced.
     */
    int rewrite(String column, List<Rewrite> rewrites);

    record StoredSecret(long rowId, byte[] ciphertext) {
    }

    record Rewrite(long rowId, byte[] expected, byte[] replacement) {
    }
}
