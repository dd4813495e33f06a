package com.pveams.bootstrap.wiring;

import com.pveams.adapters.persistence.crypto.AesGcmSecretCipher;
import com.pveams.adapters.persistence.crypto.SecretKeyRing;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.config.SecretsSettings;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key rotation as an operator does it: the new key in {@code ams.secrets.key}, the old one moved to
 * {@code ams.secrets.previous-keys}; the rotation job then rewrites what the old key wrote.
 */
@QuarkusTest
@TestProfile(SecretRotationJobTest.RotatedKeys.class)
@WithTestResource(EmbeddedPostgresResource.class)
class SecretRotationJobTest {
    /** Fresh random keys for this run (nothing to commit); the test reads them back from the configuration. */
    public static class RotatedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.secrets.key", randomKey(), "ams.secrets.previous-keys", randomKey());
        }

        static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    SecretRotationJob job;
    @Inject
    SecretCipher cipher;
    @Inject
    SecretsSettings settings;
    @Inject
    DataDirectory dataDir;
    @Inject
    NodeMonitorJob monitor;

    static PveSimulator pve;
    static NodeEmulator ssh;
    @TempDir
    static Path fs;

    @BeforeAll
    static void startNodes() {
        pve = PveSimulator.builder().nodes("rot1", "rot2").clusterName("rot").start();
        ssh = NodeEmulator.builder(fs.resolve("ssh")).start();
    }

    @AfterAll
    static void stopNodes() {
        List<String> violations = pve == null ? List.of() : pve.schemaViolations();
        if (pve != null) {
            pve.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        assertEquals(List.of(), violations, "every request sent to PVE must be valid against its schema");
    }

    /**
     * Nodes registered through the API before the rotation (their secrets written by the old key) are reached
     * through PVE and SSH after it, with ciphertexts only the new key is needed for.
     */
    @Test
    void nodesRegisteredUnderTheOldKeyStayUsableAfterTheRotation() throws Exception {
        SecretCipher old = cipherOf(settings.previousKeys().orElseThrow().get(0));
        SecretCipher onlyTheNewKey = cipherOf(settings.key().orElseThrow());
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        List<Long> nodes = List.of(register(root, "rot-node-1", "rot1"), register(root, "rot-node-2", "rot2"));
        for (long id : nodes) {
            // the service writes with the current key; rewrite as the deployment before the rotation had stored them
            for (String column : List.of("api_secret_enc", "ssh_secret_enc")) {
                byte[] current = bytes("SELECT " + column + " FROM node WHERE id = " + id);
                reencrypt(id, column, old.encrypt(cipher.decrypt(current)));
                assertEquals(old.currentKeyId(), keyIdOf(bytes("SELECT " + column + " FROM node WHERE id = " + id)));
            }
            // still usable through the previous key before the rotation
            Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=" + id).then().body("code", equalTo(20000));
        }
        exec("DELETE FROM job_lease");

        job.run();

        for (long id : nodes) {
            byte[] api = bytes("SELECT api_secret_enc FROM node WHERE id = " + id);
            byte[] sshSecret = bytes("SELECT ssh_secret_enc FROM node WHERE id = " + id);
            assertEquals(cipher.currentKeyId(), keyIdOf(api));
            assertEquals(cipher.currentKeyId(), keyIdOf(sshSecret));
            assertEquals(PveSimulator.ROOT_PASSWORD, onlyTheNewKey.decrypt(api), "the old key is no longer needed");
            assertEquals(NodeEmulator.PASSWORD, onlyTheNewKey.decrypt(sshSecret));
            assertFalse(cipher.needsReEncryption(api) || cipher.needsReEncryption(sshSecret));

            // PVE: live data from the node
            Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=" + id).then().statusCode(200)
                    .body("code", equalTo(20000)).body("data.cpuinfo.cpus", not(nullValue()))
                    .body("data.pveversion", not(nullValue()));
            // SSH: a maintenance call over the node shell
            Api.admin(root).get("/admin/getNodeImageFiles?nodeId=" + id).then().statusCode(200)
                    .body("code", equalTo(20000)).body("data.path", equalTo(NodeEmulator.DEFAULT_IMAGE_DIRECTORY));
        }
        // the monitor, which logs in to PVE and SSH afresh, brings nodes marked down back online
        exec("UPDATE node SET status = 1, ssh_status = 1 WHERE id IN (" + nodes.get(0) + ", " + nodes.get(1) + ")");
        monitor.checkNow();
        for (long id : nodes) {
            assertEquals(1, count("SELECT count(*) FROM node WHERE id = " + id + " AND status = 0 AND ssh_status = 0"),
                    "node " + id + " is online and SSH-reachable again");
        }
        for (long id : nodes) {
            Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().body("code", equalTo(20000));
        }
    }

    private long register(String root, String name, String pveNode) throws Exception {
        Map<String, Object> f = new HashMap<>();
        f.put("name", name);
        f.put("host", "127.0.0.1");
        f.put("port", pve.node(pveNode).port());
        f.put("username", "root");
        f.put("password", PveSimulator.ROOT_PASSWORD);
        f.put("sshPort", String.valueOf(ssh.port()));
        f.put("sshUsername", NodeEmulator.USER);
        f.put("sshPassword", NodeEmulator.PASSWORD);
        f.put("imageDir", NodeEmulator.DEFAULT_IMAGE_DIRECTORY);
        f.put("status", "0");
        Api.admin(root).body(f).post("/admin/insertNodeMaster").then().statusCode(200).body("code", equalTo(20000));
        return count("SELECT id FROM node WHERE name = '" + name + "'");
    }

    private void reencrypt(long id, String column, byte[] value) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE node SET " + column + " = ? WHERE id = ?")) {
            ps.setBytes(1, value);
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static String keyIdOf(byte[] stored) {
        return HexFormat.of().formatHex(stored, 1, 5);
    }

    @Test
    void theJobRewritesSecretsOfThePreviousKeyAndTheyStayReadable() throws Exception {
        SecretCipher old = cipherOf(settings.previousKeys().orElseThrow().get(0));
        SecretCipher onlyTheNewKey = cipherOf(settings.key().orElseThrow());
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n";
        long node = insertNode("rotated", old.encrypt("pve-root-password"), old.encrypt(pem));
        byte[] lost = cipherOf(RotatedKeys.randomKey()).encrypt("lost");
        long orphan = insertNode("orphan", lost, null);
        exec("DELETE FROM job_lease");

        job.run();

        byte[] api = bytes("SELECT api_secret_enc FROM node WHERE id = " + node);
        byte[] ssh = bytes("SELECT ssh_secret_enc FROM node WHERE id = " + node);
        assertEquals(cipher.currentKeyId(), HexFormat.of().formatHex(api, 1, 5));
        assertEquals(cipher.currentKeyId(), HexFormat.of().formatHex(ssh, 1, 5));
        assertEquals("pve-root-password", onlyTheNewKey.decrypt(api));
        assertEquals(pem, onlyTheNewKey.decrypt(ssh));
        assertFalse(new String(api, StandardCharsets.ISO_8859_1).contains("pve-root-password"));
        // a value of a key nobody configured is left for the operator (the job logs it)
        assertArrayEquals(lost, bytes("SELECT api_secret_enc FROM node WHERE id = " + orphan));
        assertTrue(cipher.needsReEncryption(lost));
        exec("DELETE FROM node WHERE id IN (" + node + ", " + orphan + ")");
    }

    @Test
    void anApiKeysCopyIsRewrittenAndTheListStillShowsAWorkingAppkey() throws Exception {
        SecretCipher old = cipherOf(settings.previousKeys().orElseThrow().get(0));
        String appKey = "23ba5aa474fa416a99a404a02065f29849";
        String appId = "rotated-" + System.nanoTime();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_key (app_id, key_hash, key_hint, key_enc) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, appId);
            ps.setString(2, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(appKey.getBytes(StandardCharsets.UTF_8))));
            ps.setString(3, appKey.substring(30));
            ps.setBytes(4, old.encrypt(appKey));
            ps.executeUpdate();
        }
        exec("DELETE FROM job_lease");

        job.run();

        byte[] enc = bytesWhere("SELECT key_enc FROM api_key WHERE app_id = ?", appId);
        assertEquals(cipher.currentKeyId(), HexFormat.of().formatHex(enc, 1, 5));
        assertEquals(appKey, cipherOf(settings.key().orElseThrow()).decrypt(enc));
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String shown = Api.admin(root).get("/admin/selectApiByPage?size=500").then().body("code", equalTo(20000))
                .extract().path("data.records.find { it.appid == '" + appId + "' }.appkey");
        assertEquals(appKey, shown);
        given().header("Authorization", Api.basic(appId, shown)).get("/api/v1/status").then().body("code", equalTo(20000));
        exec("DELETE FROM api_key WHERE app_id = '" + appId + "'");
    }

    private byte[] bytesWhere(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static SecretCipher cipherOf(String base64) {
        return new AesGcmSecretCipher(new SecretKeyRing(Base64.getDecoder().decode(base64), List.of()));
    }

    private long insertNode(String name, byte[] apiSecret, byte[] sshSecret) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO node (name, host, auth_mode, username, api_secret_enc, ssh_secret_enc, tls_trust_mode)"
                        + " VALUES (?, ?, 'PASSWORD', 'root', ?, ?, 'CA') RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, name + ".example.net");
            ps.setBytes(3, apiSecret);
            ps.setBytes(4, sshSecret);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private byte[] bytes(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }
}
