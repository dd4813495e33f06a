package com.pveams.adapters.persistence.crypto;

import com.pveams.adapters.persistence.support.MigratedDatabase;
import com.pveams.application.config.SecretRotationPolicy;
import com.pveams.application.port.in.crypto.ReEncryptSecretsUseCase.Result;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore.Rewrite;
import com.pveams.application.service.SecretRotationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key rotation against the real schema: the AES-GCM cipher, the JDBC store and the rotation walk together. */
class SecretRotationPersistenceTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static MigratedDatabase db;

    private final byte[] oldKey = AesGcmSecretCipherTest.key();
    private final byte[] newKey = AesGcmSecretCipherTest.key();
    private final AesGcmSecretCipher before = new AesGcmSecretCipher(new SecretKeyRing(oldKey, List.of()));
    private final AesGcmSecretCipher during = new AesGcmSecretCipher(new SecretKeyRing(newKey, List.of(oldKey)));
    /** The old key removed from the configuration once rotation is done. */
    private final AesGcmSecretCipher after = new AesGcmSecretCipher(new SecretKeyRing(newKey, List.of()));
    private EncryptedSecretsPersistenceAdapter store;
    /** Node rows the store says it rewrote: this replica's cached node access must be dropped for each. */
    private final List<Long> rewritten = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDatabase() {
        db = MigratedDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void emptyTables() {
        db.query("DELETE FROM vm");
        db.query("DELETE FROM node");
        db.query("DELETE FROM api_key");
        store = new EncryptedSecretsPersistenceAdapter(db.dataSource(), rewritten::add);
    }

    @Test
    void everyEncryptedColumnIsRewrittenUnderTheNewKeyAndStillDecrypts() {
        Map<String, String> expected = new LinkedHashMap<>();
        long firstNode = 0;
        for (int i = 0; i < 5; i++) {
            String api = "api-secret-" + i;
            String ssh = i % 2 == 0 ? "ssh-password-" + i : null;
            long node = insertNode(before.encrypt(api), ssh == null ? null : before.encrypt(ssh));
            firstNode = firstNode == 0 ? node : firstNode;
            expected.put("node.api_secret_enc#" + node, api);
            if (ssh != null) {
                expected.put("node.ssh_secret_enc#" + node, ssh);
            }
        }
        long current = insertNode(during.encrypt("written after the switch"), null);
        expected.put("node.api_secret_enc#" + current, "written after the switch");
        byte[] untouched = (byte[]) db.query("SELECT api_secret_enc FROM node WHERE id = ?", current);
        long vm = insertVm(firstNode, before.encrypt("guest-root-pw"), before.encrypt("vnc-pw"));
        expected.put("vm.guest_password_enc#" + vm, "guest-root-pw");
        expected.put("vm.vnc_password_enc#" + vm, "vnc-pw");

        SecretRotationService rotation = new SecretRotationService(store, during, new SecretRotationPolicy(2));
        assertEquals(new Result(10, 0, List.of()), rotation.reEncryptStale());

        expected.forEach((where, plaintext) -> {
            byte[] stored = stored(where);
            assertEquals(after.currentKeyId(), HexFormat.of().formatHex(stored, 1, 5), where);
            assertEquals(plaintext, after.decrypt(stored), where);
            assertFalse(contains(stored, plaintext.getBytes(StandardCharsets.UTF_8)), where + " holds its plaintext");
        });
        assertArrayEquals(untouched, stored("node.api_secret_enc#" + current), "current values are left alone");
        List<Long> rewrittenNodes = expected.keySet().stream().filter(k -> k.startsWith("node.") && !k.endsWith("#" + current))
                .map(k -> Long.parseLong(k.substring(k.indexOf('#') + 1))).sorted().toList();
        assertEquals(rewrittenNodes, rewritten.stream().sorted().toList(), "each node rewrite announced, once per column");
        for (String column : store.columns()) {
            assertTrue(store.findStale(column, after.currentKeyId(), 0, 10).isEmpty(), column);
        }
        // the database itself never sees a plaintext
        for (String plaintext : expected.values()) {
            assertEquals(0L, db.query("SELECT count(*) FROM node WHERE position(convert_to(?, 'UTF8') IN api_secret_enc) > 0"
                    + " OR position(convert_to(?, 'UTF8') IN coalesce(ssh_secret_enc, ''::bytea)) > 0", plaintext, plaintext));
        }
        assertEquals(new Result(0, 0, List.of()), rotation.reEncryptStale(), "a second run finds nothing to do");
    }

    @Test
    void apiKeyCopiesAreRewrittenAndTheirHashesLeftAlone() {
        String appKey = "e280bdf9e8914fd597f850d0fcdf162b42";
        long key = ((Number) db.query("INSERT INTO api_key (app_id, key_hash, key_hint, key_enc) VALUES (?, ?, ?, ?)"
                + " RETURNING id", "1687276783870", "a".repeat(64), "2b42", before.encrypt(appKey))).longValue();
        long shownOnce = ((Number) db.query("INSERT INTO api_key (app_id, key_hash, key_hint) VALUES (?, ?, ?)"
                + " RETURNING id", "1687276783871", "b".repeat(64), "2b43")).longValue();

        assertTrue(store.columns().contains("api_key.key_enc"), "the rotation job walks the API key copies");
        Result result = new SecretRotationService(store, during, new SecretRotationPolicy(10)).reEncryptStale();

        assertEquals(new Result(1, 0, List.of()), result);
        byte[] stored = stored("api_key.key_enc#" + key);
        assertEquals(after.currentKeyId(), HexFormat.of().formatHex(stored, 1, 5));
        assertEquals(appKey, after.decrypt(stored));
        assertFalse(contains(stored, appKey.getBytes(StandardCharsets.UTF_8)));
        assertEquals("a".repeat(64), db.query("SELECT key_hash FROM api_key WHERE id = ?", key));
        assertNull(db.query("SELECT key_enc FROM api_key WHERE id = ?", shownOnce), "a key without a copy gets none");
    }

    @Test
    void valuesOfAnUnknownKeyAreLeftAsTheyAreAndReported() {
        AesGcmSecretCipher lost = new AesGcmSecretCipher(new SecretKeyRing(AesGcmSecretCipherTest.key(), List.of()));
        long a = insertNode(before.encrypt("a"), null);
        long b = insertNode(lost.encrypt("b"), null);
        long c = insertNode(before.encrypt("c"), null);
        byte[] lostValue = stored("node.api_secret_enc#" + b);

        Result result = new SecretRotationService(store, during, new SecretRotationPolicy(1)).reEncryptStale();

        assertEquals(2, result.reEncrypted());
        assertEquals(1, result.undecryptable());
        assertEquals(List.of("node.api_secret_enc#" + b + ": UNKNOWN_KEY (key id " + lost.currentKeyId() + ")"), result.samples());
        assertArrayEquals(lostValue, stored("node.api_secret_enc#" + b));
        assertEquals("a", after.decrypt(stored("node.api_secret_enc#" + a)));
        assertEquals("c", after.decrypt(stored("node.api_secret_enc#" + c)));
    }

    @Test
    void aRewriteDoesNotOverwriteASecretChangedMeanwhile() {
        byte[] old = before.encrypt("old password");
        long node = insertNode(old, null);
        byte[] changed = during.encrypt("new password");
        db.query("UPDATE node SET api_secret_enc = ? WHERE id = ?", changed, node);

        assertEquals(0, store.rewrite("node.api_secret_enc", List.of(new Rewrite(node, old, during.encrypt("old password")))));
        assertEquals("new password", after.decrypt(stored("node.api_secret_enc#" + node)));
    }

    @Test
    void nullSecretsAreSkipped() {
        long node = insertNode(during.encrypt("api"), null);
        Result result = new SecretRotationService(store, during, new SecretRotationPolicy(5)).reEncryptStale();
        assertEquals(0, result.reEncrypted());
        assertNull(db.query("SELECT ssh_secret_enc FROM node WHERE id = ?", node));
    }

    private byte[] stored(String where) {
        String[] columnAndId = where.split("#");
        String[] tableAndColumn = columnAndId[0].split("\\.");
        return (byte[]) db.query("SELECT " + tableAndColumn[1] + " FROM " + tableAndColumn[0] + " WHERE id = ?",
                Long.parseLong(columnAndId[1]));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return Collections.indexOfSubList(box(haystack), box(needle)) >= 0;
    }

    private static List<Byte> box(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return List.of(boxed);
    }

    private static long insertNode(byte[] apiSecret, byte[] sshSecret) {
        int n = SEQ.incrementAndGet();
        return ((Number) db.query("INSERT INTO node (name, host, auth_mode, username, api_secret_enc, ssh_secret_enc,"
                        + " tls_trust_mode) VALUES (?, ?, 'PASSWORD', 'root', ?, ?, 'CA') RETURNING id",
                "node-" + n, "pve-" + n + ".example.net", apiSecret, sshSecret)).longValue();
    }

    private static long insertVm(long node, byte[] guestPassword, byte[] vncPassword) {
        int n = SEQ.incrementAndGet();
        return ((Number) db.query("INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc,"
                        + " vnc_password_enc, os_file_name, os_name, os_type, storage, system_disk_gb, bridge, expires_at)"
                        + " VALUES (?, ?, ?, 'root', ?, ?, 'debian-12.qcow2', 'debian-12', 'linux', 'local-lvm', 40,"
                        + " 'vmbr0', now() + interval '30 days') RETURNING id",
                node, 100 + n, "vm-" + n, guestPassword, vncPassword)).longValue();
    }
}
