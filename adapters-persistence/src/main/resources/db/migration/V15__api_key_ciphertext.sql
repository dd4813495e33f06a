-- The appkey encrypted by the SecretCipher, so that selectApiByPage can show it to an admin again
-- (ams.api-keys.reveal, as the legacy admin UI expects). Authentication never reads it: it compares key_hash.
-- NULL for keys issued before this column or while ams.api-keys.reveal was false: those are listed masked.
-- Not an authentication field: the V6 trigger lists its columns explicitly and does not announce changes to this
-- one, so a key rotation rewriting it does not empty the replicas' credential caches.
-- The length check is the schema's ciphertext convention (AEAD nonce + tag): it refuses short plaintext only.
ALTER TABLE api_key
    ADD COLUMN key_enc BYTEA,
    ADD CONSTRAINT ck_api_key_key_ciphertext CHECK (octet_length(key_enc) >= 28);
