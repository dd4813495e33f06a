package com.pveams.bootstrap.e2e;

import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agentless node maintenance end to end: admin endpoints → service → node access (secrets decrypted by the real
 * cipher) → the wired SSH shell → the SSH node emulator.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class NodeMaintenanceTest {
    private static final String DIR = NodeEmulator.DEFAULT_IMAGE_DIRECTORY;
    private static final String PVEVERSION = "pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)\n";
    private static final String DF = "Filesystem           1024-blocks     Used Available Capacity Mounted on\n"
            + "/dev/mapper/pve-root    98497780 12345678  81102444      14% /\n";
    private static final AtomicInteger SEQ = new AtomicInteger();

    static NodeEmulator ssh;
    @TempDir
    static Path nodeFs;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;

    String root;

    @BeforeAll
    static void start() {
        ssh = NodeEmulator.builder(nodeFs).start();
        ssh.reply(List.of("pveversion"), PVEVERSION);
        ssh.reply(List.of("uname", "-r"), "6.8.8-2-pve\n");
        ssh.reply(List.of("cat", "/proc/uptime", "/proc/loadavg"), "350735.47 234388.90\n0.10 0.25 1.50 2/345 6789\n");
        ssh.reply(List.of("df", "-P", "-k", "--", DIR), DF);
        ssh.reply(List.of("curl", "--version"), "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\n");
        ssh.reply(List.of("timeout", "--version"), "timeout (GNU coreutils) 9.1\n");
        // qemu-img is not scripted: the emulator answers 127, like a node without it
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    // -------------------------------------------------------------------------------------------- host status

    @Test
    void hostStatusReportsVersionsHealthAndMissingTools() {
        long node = emulatedNode();
        status(node).body("code", equalTo(20000))
                .body("data.nodeId", equalTo((int) node))
                .body("data.status", equalTo("running"))
                .body("data.healthy", equalTo(0))
                .body("data.pveVersion", equalTo("8.2.4"))
                .body("data.pveBuild", equalTo("faa83925c9641325"))
                .body("data.kernel", equalTo("6.8.8-2-pve"))
                .body("data.uptime", equalTo(350735))
                .body("data.loadAvg", equalTo(List.of(0.10f, 0.25f, 1.50f)))
                .body("data.imageDir", equalTo(DIR))
                .body("data.imageDirTotal", equalTo(98497780L * 1024))
                .body("data.imageDirFree", equalTo(81102444L * 1024))
                .body("data.imageDirUsedPercent", equalTo(14))
                .body("data.imageDirMount", equalTo("/"))
                .body("data.tools.find { it.name == 'curl' }.present", equalTo(1))
                .body("data.tools.find { it.name == 'curl' }.version", equalTo("7.88.1"))
                .body("data.tools.find { it.name == 'timeout' }.version", equalTo("9.1"))
                .body("data.tools.find { it.name == 'qemu-img' }.present", equalTo(0))
                .body("data.problems", hasSize(1))
                .body("data.problems[0].check", equalTo("qemu-img"))
                .body("data.problems[0].problem", equalTo("missing"))
                .body("data.problems[0].exitStatus", equalTo(127))
                .body("data.checkTime", not(nullValue()));
        List<List<String>> ran = ssh.commands().stream().map(NodeEmulator.RecordedCommand::argv).toList();
        // every command runs under coreutils timeout: the probe's own argv is the tail
        List<String> df = List.of("df", "-P", "-k", "--", DIR);
        assertTrue(ran.stream().anyMatch(argv -> argv.size() >= df.size()
                && argv.subList(argv.size() - df.size(), argv.size()).equals(df)), "the image directory goes after --: " + ran);
    }

    @Test
    void hostStatusIsHealthyWhenEveryProbeAnswers() {
        long node = emulatedNode();
        ssh.reply(List.of("qemu-img", "--version"), "qemu-img version 8.1.5 (pve-qemu-kvm_8.1.5-6)\n");
        try {
            status(node).body("code", equalTo(20000)).body("data.healthy", equalTo(1)).body("data.problems", hasSize(0))
                    .body("data.tools.find { it.name == 'qemu-img' }.version", equalTo("8.1.5"));
        } finally {
            ssh.reply(List.of("qemu-img", "--version"), new NodeEmulator.Reply(127, "", "sh: 1: qemu-img: not found\n"));
        }
    }

    @Test
    void unknownNodeMissingIdAndUnusableSshAreClearErrors() {
        Api.admin(root).get("/admin/getNodeHostStatus?nodeId=987654").then().statusCode(200)
                .body("code", equalTo(1002)).body("message", containsString("nodeId"));
        Api.admin(root).get("/admin/getNodeHostStatus").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("nodeId"));
        Api.admin(root).get("/admin/getNodeImageFiles?nodeId=abc").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("nodeId"));

        long noSsh = insertNode(null, ssh.port(), ssh.hostKeyFingerprint());
        for (String path : List.of("getNodeHostStatus", "getNodeImageFiles")) {
            Api.admin(root).header("Accept-Language", "en").get("/admin/" + path + "?nodeId=" + noSsh).then().statusCode(200)
                    .body("code", equalTo(1003)).body("message", containsString("SSH is not configured"));
        }

        long down = insertNode(NodeEmulator.PASSWORD, closedPort(), ssh.hostKeyFingerprint());
        Api.admin(root).get("/admin/getNodeHostStatus?nodeId=" + down).then().statusCode(200)
                .body("code", equalTo(1003)).body("message", containsString("SSH 无法连接 127.0.0.1:"))
                .body("message", not(containsString("Exception")));
        Api.admin(root).header("Accept-Language", "en").body(Map.of("nodeId", down, "fileName", "a.iso"))
                .post("/admin/deleteNodeImageFile").then().statusCode(200)
                .body("code", equalTo(1003)).body("message", containsString("SSH unreachable"));

        long wrongPassword = insertNode("not-the-password", ssh.port(), ssh.hostKeyFingerprint());
        Api.admin(root).header("Accept-Language", "en").get("/admin/getNodeImageFiles?nodeId=" + wrongPassword).then()
                .body("code", equalTo(1003)).body("message", containsString("SSH login refused"))
                .body("message", not(containsString("not-the-password")));

        long otherKey = insertNode(NodeEmulator.PASSWORD, ssh.port(), "SHA256:" + "A".repeat(43));
        Api.admin(root).header("Accept-Language", "en").get("/admin/getNodeImageFiles?nodeId=" + otherKey).then()
                .body("code", equalTo(1003)).body("message", containsString("differs from the pinned one"));
    }

    @Test
    void aMissingImageDirectoryIsSaidAndTheReportStillComes() {
        long node = insertNode(NodeEmulator.PASSWORD, ssh.port(), ssh.hostKeyFingerprint(), "/srv/no-such-dir");
        ssh.reply(List.of("df", "-P", "-k", "--", "/srv/no-such-dir"),
                new NodeEmulator.Reply(1, "", "df: /srv/no-such-dir: No such file or directory\n"));
        Api.admin(root).header("Accept-Language", "en").get("/admin/getNodeImageFiles?nodeId=" + node).then()
                .statusCode(200).body("code", equalTo(20400))
                .body("message", containsString("does the image directory /srv/no-such-dir exist?"));
        status(node).body("code", equalTo(20000)).body("data.imageDir", equalTo("/srv/no-such-dir"))
                .body("data.imageDirFree", nullValue())
                .body("data.problems.find { it.check == 'df' }.problem", equalTo("failed"))
                .body("data.pveVersion", equalTo("8.2.4"));
    }

    // -------------------------------------------------------------------------------------------- list, delete

    @Test
    void listingShowsTheImageDirectorysRegularFilesOnly() {
        long node = emulatedNode();
        byte[] bytes = "qcow2 bytes".getBytes(StandardCharsets.UTF_8);
        ssh.writeFile(DIR + "/list-me.qcow2", bytes);
        ssh.writeFile(DIR + "/.list-me.qcow2.part-abc", new byte[3]);
        ssh.writeFile(DIR + "/sub/inner.qcow2", new byte[3]);
        Api.admin(root).get("/admin/getNodeImageFiles?nodeId=" + node).then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.nodeId", equalTo((int) node))
                .body("data.path", equalTo(DIR))
                .body("data.files.find { it.name == 'list-me.qcow2' }.size", equalTo(bytes.length))
                .body("data.files.find { it.name == 'list-me.qcow2' }.modifyTime", not(nullValue()))
                .body("data.files.findAll { it.name.startsWith('.') || it.name == 'inner.qcow2' }", hasSize(0));
    }

    @Test
    void deleteRemovesOneFileIdempotentlyAndIsAudited() throws Exception {
        long node = emulatedNode();
        ssh.writeFile(DIR + "/delete-me.iso", new byte[] {1, 2, 3});
        String rid = "maint-delete-" + SEQ.incrementAndGet();
        Api.admin(root).header("X-Request-Id", rid).body(Map.of("nodeId", node, "fileName", "delete-me.iso"))
                .post("/admin/deleteNodeImageFile").then().statusCode(200)
                .body("code", equalTo(20000)).body("data.deleted", equalTo(1)).body("data.fileName", equalTo("delete-me.iso"));
        assertFalse(Files.exists(ssh.path(DIR + "/delete-me.iso")));
        Api.admin(root).body(Map.of("nodeId", node, "fileName", "delete-me.iso"))
                .post("/admin/deleteNodeImageFile").then().body("code", equalTo(20000)).body("data.deleted", equalTo(0));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT method, path, result_code, success FROM audit_log WHERE request_id = ?")) {
            ps.setString(1, rid);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the delete is in the audit log");
                assertEquals("POST", rs.getString(1));
                assertTrue(rs.getString(2).endsWith("/deleteNodeImageFile"));
                assertEquals(20000, rs.getInt(3));
                assertTrue(rs.getBoolean(4));
            }
        }
    }

    @Test
    void hostileNamesAreRefusedNamingTheFieldAndNothingOutsideIsTouched() {
        long node = emulatedNode();
        byte[] secret = "root:x:0:0".getBytes(StandardCharsets.UTF_8);
        ssh.writeFile("/etc/shadow-copy", secret);
        int before = ssh.commands("rm").size();
        for (String name : List.of("../../etc/shadow-copy", "/etc/shadow-copy", "a/../../b", ".hidden", "x;rm -rf /")) {
            Api.admin(root).body(Map.of("nodeId", node, "fileName", name)).post("/admin/deleteNodeImageFile").then()
                    .statusCode(200).body("code", equalTo(4000002)).body("message", containsString("fileName"));
        }
        assertEquals(before, ssh.commands("rm").size(), "refused before reaching the node");
        // a symlink inside the directory that points out is refused on the node, where it can be seen
        ssh.symlink(DIR + "/escape.qcow2", "/etc/shadow-copy");
        Api.admin(root).body(Map.of("nodeId", node, "fileName", "escape.qcow2")).post("/admin/deleteNodeImageFile").then()
                .statusCode(200).body("code", equalTo(4000002)).body("message", containsString("fileName"));
        assertArrayEquals(secret, read("/etc/shadow-copy"));
        Api.admin(root).body(Map.of("nodeId", node)).post("/admin/deleteNodeImageFile").then()
                .body("code", equalTo(4000002)).body("message", containsString("fileName"));
        Api.admin(root).body(Map.of("fileName", "a.iso")).post("/admin/deleteNodeImageFile").then()
                .body("code", equalTo(4000002)).body("message", containsString("nodeId"));
    }

    // -------------------------------------------------------------------------------------------- fetch

    @Test
    void fetchDownloadsIntoTheImageDirectoryAndReportsTheDigest() throws Exception {
        long node = emulatedNode();
        byte[] body = "virtio drivers".getBytes(StandardCharsets.UTF_8);
        String url = "http://203.0.113.7/isos/virtio-win-" + SEQ.incrementAndGet() + ".iso";
        ssh.serve(url, body);
        String name = url.substring(url.lastIndexOf('/') + 1);
        Api.admin(root).body(Map.of("nodeId", node, "url", url)).post("/admin/downloadNodeImageFile").then()
                .statusCode(200).body("code", equalTo(20000))
                .body("data.fileName", equalTo(name))
                .body("data.path", equalTo(DIR + "/" + name))
                .body("data.size", equalTo(body.length))
                .body("data.checksumAlgorithm", equalTo("SHA256"))
                .body("data.checksum", equalTo(sha256(body)));
        assertArrayEquals(body, read(DIR + "/" + name));

        // the same name again is refused rather than replacing what may be in use
        Api.admin(root).body(Map.of("nodeId", node, "url", url)).post("/admin/downloadNodeImageFile").then()
                .body("code", equalTo(20400)).body("message", containsString(name));

        // an explicit name and the right checksum
        Api.admin(root).body(Map.of("nodeId", node, "url", url, "fileName", "drivers-" + name,
                        "checksumAlgorithm", "SHA256", "checksum", sha256(body)))
                .post("/admin/downloadNodeImageFile").then().body("code", equalTo(20000))
                .body("data.fileName", equalTo("drivers-" + name));
    }

    @Test
    void aChecksumMismatchKeepsNothing() {
        long node = emulatedNode();
        String url = "http://203.0.113.7/isos/tampered-" + SEQ.incrementAndGet() + ".iso";
        ssh.serve(url, "tampered".getBytes(StandardCharsets.UTF_8));
        Api.admin(root).body(Map.of("nodeId", node, "url", url, "checksumAlgorithm", "SHA256", "checksum", "0".repeat(64)))
                .post("/admin/downloadNodeImageFile").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("checksum"));
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertFalse(Files.exists(ssh.path(DIR + "/" + name)));
        assertTrue(leftovers(name).isEmpty(), "no partial file: " + leftovers(name));
    }

    @Test
    void internalUrlsAreRefusedBeforeTheNodeIsAsked() {
        long node = emulatedNode();
        int curls = ssh.commands("curl").size();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/iam.iso", "http://127.0.0.1:8006/x.iso",
                "http://10.0.0.1/x.iso", "http://[::ffff:192.168.1.1]/x.iso")) {
            Api.admin(root).body(Map.of("nodeId", node, "url", url)).post("/admin/downloadNodeImageFile").then()
                    .statusCode(200).body("code", equalTo(4000002)).body("message", containsString("url"));
        }
        assertEquals(curls, ssh.commands("curl").size());
        // a public URL that redirects inside is refused by the shell at the hop
        String url = "http://203.0.113.7/redirect-" + SEQ.incrementAndGet() + ".iso";
        ssh.redirect(url, "http://169.254.169.254/latest/meta-data/");
        Api.admin(root).body(Map.of("nodeId", node, "url", url, "fileName", "r.iso")).post("/admin/downloadNodeImageFile")
                .then().body("code", equalTo(4000002)).body("message", containsString("url"));
        assertFalse(Files.exists(ssh.path(DIR + "/r.iso")));
    }

    @Test
    void badFetchInputAndSourceFailuresAreEnvelopes() {
        long node = emulatedNode();
        Api.admin(root).body(Map.of("nodeId", node, "url", "file:///etc/shadow")).post("/admin/downloadNodeImageFile")
                .then().body("code", equalTo(4000002)).body("message", containsString("url"));
        Api.admin(root).body(Map.of("nodeId", node, "url", "http://203.0.113.7/x.iso", "fileName", "../x.iso"))
                .post("/admin/downloadNodeImageFile").then().body("code", equalTo(4000002)).body("message", containsString("fileName"));
        Api.admin(root).body(Map.of("nodeId", node, "url", "http://203.0.113.7/x.iso", "checksumAlgorithm", "MD5",
                "checksum", "0".repeat(32))).post("/admin/downloadNodeImageFile").then()
                .body("code", equalTo(4000002)).body("message", containsString("checksumAlgorithm"));
        Api.admin(root).body("{").post("/admin/downloadNodeImageFile").then().statusCode(200).body("code", equalTo(4000001));
        String missing = "http://203.0.113.7/missing-" + SEQ.incrementAndGet() + ".iso";
        ssh.httpStatus(missing, 404);
        Api.admin(root).header("Accept-Language", "en").body(Map.of("nodeId", node, "url", missing))
                .post("/admin/downloadNodeImageFile").then().statusCode(200)
                .body("code", equalTo(20400))
                .body("message", allOf(containsString("the source answered HTTP 404"), not(containsString("curl"))));
        Api.admin(root).header("Accept-Language", "en").body(Map.of("nodeId", node, "url", "http://203.0.113.7/nowhere.iso"))
                .post("/admin/downloadNodeImageFile").then().statusCode(200)
                .body("code", equalTo(20400)).body("message", equalTo("The download failed: the node could not connect to the source"));
        Api.admin(root).body(Map.of("nodeId", 987654, "url", "http://203.0.113.7/x.iso"))
                .post("/admin/downloadNodeImageFile").then().body("code", equalTo(1002));
    }

    @Test
    void endpointsNeedAnAdminToken() {
        io.restassured.RestAssured.given().get("/admin/getNodeImageFiles?nodeId=1").then().statusCode(200)
                .body("code", equalTo(501002));
    }

    // -------------------------------------------------------------------------------------------- helpers

    private ValidatableResponse status(long node) {
        return Api.admin(root).get("/admin/getNodeHostStatus?nodeId=" + node).then().statusCode(200);
    }

    private long emulatedNode() {
        return insertNode(NodeEmulator.PASSWORD, ssh.port(), ssh.hostKeyFingerprint());
    }

    /** A node row as node management would store it; {@code sshPassword} null = SSH not configured. */
    private long insertNode(String sshPassword, int sshPort, String hostKey) {
        return insertNode(sshPassword, sshPort, hostKey, DIR);
    }

    private long insertNode(String sshPassword, int sshPort, String hostKey, String imageDir) {
        int n = SEQ.incrementAndGet();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, username, api_secret_enc, tls_trust_mode,"
                        + " ssh_host, ssh_port, ssh_secret_enc, ssh_host_key_fingerprint, image_dir)"
                        + " VALUES (?, '127.0.0.1', 8006, ?, 'PASSWORD', 'root', ?, 'CA', ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, "maint-" + n + "-" + System.nanoTime());
            ps.setString(2, "maint" + n + "n" + System.nanoTime());
            ps.setBytes(3, cipher.encrypt("pve-password"));
            ps.setString(4, ssh.host());
            ps.setInt(5, sshPort);
            ps.setBytes(6, sshPassword == null ? null : cipher.encrypt(sshPassword));
            ps.setString(7, hostKey);
            ps.setString(8, imageDir);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String nodePath) {
        try {
            return Files.readAllBytes(ssh.path(nodePath));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> leftovers(String name) {
        try (var files = Files.list(ssh.path(DIR))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("." + name + ".part-")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
