package com.pveams.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Encryption of stored secrets ({@code ams.secrets.*}). */
@ConfigMapping(prefix = "ams.secrets")
public interface SecretsSettings {
    /**
     * Base64 of the 32-byte AES key that encrypts new secrets. Unset: a key generated once into
     * {@code <data dir>/secrets.key}. Every replica sharing a database needs the same key.
     */
    Optional<String> key();

    /** Base64 keys that no longer encrypt but still decrypt (comma-separated), until rotation has rewritten all. */
    Optional<List<String>> previousKeys();

    /** How often the rotation job looks for secrets not encrypted with the current key. */
    @WithDefault("1h")
    Duration rotationEvery();

    /** Rows read and rewritten per statement by the rotation job. */
    @WithDefault("100")
    int rotationBatchSize();
}
