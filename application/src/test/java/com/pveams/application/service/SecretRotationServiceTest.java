package com.pveams.application.service;

import com.pveams.application.config.SecretRotationPolicy;
import com.pveams.application.port.in.crypto.ReEncryptSecretsUseCase.Result;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk itself, with a transparent stand-in cipher ("keyid:plaintext"); the AES-GCM cipher and the SQL store
 * are tested together against PostgreSQL in adapters-persistence.
 */
class SecretRotationServiceTest {
    private final LabelCipher cipher = new LabelCipher("k2", "k1", "k2");
    private final TableStore store = new TableStore();

    @Test
    void rewritesEveryStaleValueAcrossBatchesAndColumns() {
        for (long id = 1; id <= 7; id++) {
            store.put("node.api_secret_enc", id, "k1:node-" + id);
        }
        store.put("node.api_secret_enc", 8, "k2:already-current");
        store.put("vm.guest_password_enc", 3, "k1:guest");

        Result result = new SecretRotationService(store, cipher, new SecretRotationPolicy(3)).reEncryptStale();

        assertEquals(new Result(8, 0, List.of()), result);
        for (long id = 1; id <= 7; id++) {
            assertEquals("k2:node-" + id, store.get("node.api_secret_enc", id));
        }
        assertEquals("k2:already-current", store.get("node.api_secret_enc", 8));
        assertEquals("k2:guest", store.get("vm.guest_password_enc", 3));
    }

    @Test
    void stepsPastValuesItCannotDecryptAndReportsThem() {
        store.put("node.ssh_secret_enc", 1, "k1:first");
        store.put("node.ssh_secret_enc", 2, "lost:unknown key");
        store.put("node.ssh_secret_enc", 3, "lost:unknown key");
        store.put("node.ssh_secret_enc", 4, "k1:last");

        Result result = new SecretRotationService(store, cipher, new SecretRotationPolicy(2)).reEncryptStale();

        assertEquals(2, result.reEncrypted());
        assertEquals(2, result.undecryptable());
        assertEquals(List.of("node.ssh_secret_enc#2: UNKNOWN_KEY (key id lost)",
                "node.ssh_secret_enc#3: UNKNOWN_KEY (key id lost)"), result.samples());
        assertEquals("k2:first", store.get("node.ssh_secret_enc", 1));
        assertEquals("lost:unknown key", store.get("node.ssh_secret_enc", 2));
        assertEquals("k2:last", store.get("node.ssh_secret_enc", 4));
    }

    @Test
    void aSecretChangedDuringTheWalkIsNotOverwritten() {
        store.put("node.api_secret_enc", 1, "k1:old password");
        store.beforeRewrite = () -> store.put("node.api_secret_enc", 1, "k2:new password");

        Result result = new SecretRotationService(store, cipher, new SecretRotationPolicy(10)).reEncryptStale();

        assertEquals(0, result.reEncrypted());
        assertEquals("k2:new password", store.get("node.api_secret_enc", 1));
    }

    @Test
    void aSecondRunFindsNothingToDo() {
        store.put("vm.vnc_password_enc", 5, "k1:vnc");
        SecretRotationService service = new SecretRotationService(store, cipher, new SecretRotationPolicy(10));
        assertEquals(1, service.reEncryptStale().reEncrypted());
        assertEquals(new Result(0, 0, List.of()), service.reEncryptStale());
        assertTrue(store.findStale("vm.vnc_password_enc", "k2", 0, 10).isEmpty());
    }

    /** "keyid:plaintext" with a set of known key ids: enough to drive the walk, not a cipher. */
    static final class LabelCipher implements SecretCipher {
        private final String current;
        private final List<String> known;

        LabelCipher(String current, String... known) {
            this.current = current;
            this.known = List.of(known);
        }

        @Override
        public byte[] encrypt(String plaintext) {
            return (current + ":" + plaintext).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decrypt(byte[] ciphertext) {
            String[] parts = new String(ciphertext, StandardCharsets.UTF_8).split(":", 2);
            if (!known.contains(parts[0])) {
                throw new UndecryptableSecretException(UndecryptableSecretException.Reason.UNKNOWN_KEY, parts[0]);
            }
            return parts[1];
        }

        @Override
        public boolean needsReEncryption(byte[] ciphertext) {
            return !new String(ciphertext, StandardCharsets.UTF_8).startsWith(current + ":");
        }

        @Override
        public String currentKeyId() {
            return current;
        }
    }

    static final class TableStore implements EncryptedSecretsStore {
        private final Map<String, TreeMap<Long, byte[]>> columns = new LinkedHashMap<>();
        Runnable beforeRewrite = () -> { };

        void put(String column, long id, String value) {
            columns.computeIfAbsent(column, c -> new TreeMap<>()).put(id, value.getBytes(StandardCharsets.UTF_8));
        }

        String get(String column, long id) {
            return new String(columns.get(column).get(id), StandardCharsets.UTF_8);
        }

        @Override
        public List<String> columns() {
            return List.of("node.api_secret_enc", "node.ssh_secret_enc", "vm.guest_password_enc", "vm.vnc_password_enc");
        }

        @Override
        public List<StoredSecret> findStale(String column, String currentKeyId, long afterRowId, int limit) {
            byte[] prefix = (currentKeyId + ":").getBytes(StandardCharsets.UTF_8);
            List<StoredSecret> found = new ArrayList<>();
            columns.getOrDefault(column, new TreeMap<>()).tailMap(afterRowId, false).forEach((id, value) -> {
                boolean current = value.length >= prefix.length
                        && Arrays.equals(Arrays.copyOf(value, prefix.length), prefix);
                if (!current && found.size() < limit) {
                    found.add(new StoredSecret(id, value));
                }
            });
            return found;
        }

        @Override
        public int rewrite(String column, List<Rewrite> rewrites) {
            beforeRewrite.run();
            int n = 0;
            for (Rewrite r : rewrites) {
                TreeMap<Long, byte[]> rows = columns.get(column);
                if (Arrays.equals(rows.get(r.rowId()), r.expected())) {
                    rows.put(r.rowId(), r.replacement());
                    n++;
                }
            }
            return n;
        }
    }
}
