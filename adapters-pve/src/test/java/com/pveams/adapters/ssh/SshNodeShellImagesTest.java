package com.pveams.adapters.ssh;

import com.pveams.adapters.net.RefusedUrlException;
import com.pveams.adapters.net.TestDns;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.DiskImportResult;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads, disk imports, listing and deletion in the emulated node's image directory. */
class SshNodeShellImagesTest {
    private static final SshNodeShellConfig CONFIG = new SshNodeShellConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    private static final String URL = "https://images.example.org/debian-12.qcow2";
    private static final byte[] IMAGE = "QFI\u00fb pretend this is a qcow2 image".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> DNS = Map.of(
            "images.example.org", "93.184.216.34",
            "mirror.example.net", "203.0.113.20",
            "rebind.example.org", "127.0.0.1",
            "mirror.lan", "10.20.30.40");

    @TempDir
    Path temp;

    private NodeEmulator node;
    private SshNodeShell shell;

    @BeforeEach
    void start() {
        node = NodeEmulator.builder(temp).start();
        shell = new SshNodeShell(CONFIG, TestDns.resolver(DNS));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    // ------------------------------------------------------------------------------------------------ download

    @Test
    void downloadsVerifiesAndMovesIntoPlace() throws Exception {
        node.serve(URL, IMAGE);

        DownloadResult r = shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha256(sha256(IMAGE))));

        assertEquals("/home/images/debian-12.qcow2", r.path());
        assertEquals(IMAGE.length, r.sizeBytes());
        assertEquals(Checksum.sha256(sha256(IMAGE)), r.checksum());
        assertArrayEquals(IMAGE, Files.readAllBytes(node.path("/home/images/debian-12.qcow2")));
        assertEquals(List.of("debian-12.qcow2"), imageDirEntries());

        List<String> curl = node.commands("curl").get(0).command();
        String part = curl.get(curl.indexOf("-o") + 1);
        assertTrue(part.matches("/home/images/\\.debian-12\\.qcow2\\.part-[0-9a-f]{12}"), part);
        assertEquals(List.of("curl", "-q", "--fail", "--silent", "--show-error", "--globoff", "--noproxy", "*",
                "--proto", "=http,https", "--max-redirs", "0", "--connect-timeout", "5", "--max-time", "30",
                "--resolve", "images.example.org:443:93.184.216.34",
                "-o", part, "-w", "%{http_code} %{size_download} %{remote_ip}\n%{redirect_url}\n", "--url", URL), curl);
        // and it ran under the node's own deadline: 35 s (download + connect) less 2 × 3.5 s
        assertEquals(List.of("timeout", "--kill-after=3.500s", "28s"), node.commands("curl").get(0).argv().subList(0, 3));
    }

    @Test
    void aDownloadThatConnectedElsewhereIsRefusedAndRemoved() throws Exception {
        node.serve(URL, IMAGE);
        node.remoteAddress(URL, "10.9.8.7"); // something on the node's network answered instead of the pinned address

        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha256(sha256(IMAGE)))));

        assertEquals(Kind.REFUSED_URL, e.kind());
        assertEquals(RefusedUrlException.Reason.ADDRESS_MISMATCH, ((RefusedUrlException) e.getCause()).reason());
        assertTrue(e.getMessage().contains("10.9.8.7") && e.getMessage().contains("93.184.216.34"), e.getMessage());
        assertEquals(List.of(), imageDirEntries()); // the partial file is gone and nothing was moved into place
        assertEquals(1, node.commands("rm").size());
        assertTrue(node.commands("sha256sum").isEmpty());
        assertTrue(node.commands("mv").isEmpty());
    }

    @Test
    void aRedirectAnsweredFromAnotherAddressIsNotBelieved() throws Exception {
        node.redirect(URL, "https://mirror.example.net/pool/debian-12.qcow2");
        node.remoteAddress(URL, "10.9.8.7");
        node.serve("https://mirror.example.net/pool/debian-12.qcow2", IMAGE);

        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", null)));

        assertEquals(Kind.REFUSED_URL, e.kind());
        assertEquals(1, node.commands("curl").size()); // the Location was not followed
        assertEquals(List.of(), imageDirEntries());
    }

    @Test
    void aHostWithATrailingDotIsDownloadedUnderItsOneNormalisedName() throws Exception {
        node.serve(URL, IMAGE);
        shell.download(node.endpoint(), new DownloadRequest("https://IMAGES.example.org./debian-12.qcow2",
                "debian-12.qcow2", Checksum.sha256(sha256(IMAGE))));
        List<String> curl = node.commands("curl").get(0).command();
        assertTrue(containsPair(curl, "--resolve", "images.example.org:443:93.184.216.34"), curl.toString());
        assertTrue(containsPair(curl, "--url", URL), curl.toString());

        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest("http://rebind.example.org./x.qcow2", "x.qcow2", null)));
        assertEquals(RefusedUrlException.Reason.INTERNAL_ADDRESS, ((RefusedUrlException) e.getCause()).reason());
        assertEquals(1, node.commands("curl").size());
    }

    @Test
    void verifiesSha512WhenThatIsWhatTheSourcePublishes() throws Exception {
        node.serve(URL, IMAGE);
        DownloadResult r = shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha512(sha512(IMAGE))));
        assertEquals(Checksum.sha512(sha512(IMAGE)), r.checksum());
        assertEquals(1, node.commands("sha512sum").size());
    }

    @Test
    void withoutAnExpectedChecksumTheSha256IsComputedAndReturned() throws Exception {
        node.serve(URL, IMAGE);
        DownloadResult r = shell.download(node.endpoint(), new DownloadRequest(URL, "debian-12.qcow2", null));
        assertEquals(Checksum.sha256(sha256(IMAGE)), r.checksum());
    }

    @Test
    void aChecksumMismatchIsReportedAndThePartialFileRemoved() throws Exception {
        node.serve(URL, IMAGE);
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));

        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha256(wrong))));

        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(sha256(IMAGE)), e.getMessage());
        assertEquals(List.of(), imageDirEntries());
        assertEquals(1, node.commands("rm").size());
    }

    @Test
    void aFailedDownloadLeavesNoFileBehind() throws Exception {
        node.httpStatus(URL, 404);
        NodeShellException notFound = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", null)));
        assertEquals(Kind.COMMAND_FAILED, notFound.kind());
        assertTrue(notFound.getMessage().contains("404"), notFound.getMessage());
        assertEquals(22, notFound.result().orElseThrow().exitStatus());
        assertEquals(List.of(), imageDirEntries());

        node.truncated(URL, "QFI half".getBytes(StandardCharsets.UTF_8));
        NodeShellException broken = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", null)));
        assertEquals(Kind.COMMAND_FAILED, broken.kind());
        assertEquals(List.of(), imageDirEntries());
    }

    @Test
    void aSuccessfulDownloadReplacesAnOlderFileOfTheSameName() throws Exception {
        node.writeFile("/home/images/debian-12.qcow2", "old".getBytes(StandardCharsets.UTF_8));
        node.serve(URL, IMAGE);
        shell.download(node.endpoint(), new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha256(sha256(IMAGE))));
        assertArrayEquals(IMAGE, Files.readAllBytes(node.path("/home/images/debian-12.qcow2")));
    }

    @Test
    void ssrfTargetsAreRefusedBeforeTheNodeIsContacted() {
        for (String url : List.of("http://127.0.0.1/x.qcow2", "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/x.qcow2", "http://localhost:8006/x.qcow2", "http://rebind.example.org/x.qcow2",
                "http://[::1]/x.qcow2", "file:///etc/shadow")) {
            NodeShellException e = assertThrows(NodeShellException.class,
                    () -> shell.download(node.endpoint(), new DownloadRequest(url, "x.qcow2", null)), url);
            assertEquals(Kind.REFUSED_URL, e.kind(), url);
            assertTrue(e.getCause() instanceof RefusedUrlException, url);
        }
        assertEquals(List.of(), node.commands());
    }

    @Test
    void privateTargetsWorkWhenTheOperatorAllowsThem() throws Exception {
        SshNodeShell lax = new SshNodeShell(CONFIG.withAllowPrivateDownloadTargets(true), TestDns.resolver(DNS));
        node.serve("http://mirror.lan/x.qcow2", IMAGE);
        lax.download(node.endpoint(), new DownloadRequest("http://mirror.lan/x.qcow2", "x.qcow2", null));
        assertArrayEquals(IMAGE, Files.readAllBytes(node.path("/home/images/x.qcow2")));
        assertTrue(containsPair(node.commands("curl").get(0).command(), "--resolve", "mirror.lan:80:10.20.30.40"));
    }

    @Test
    void redirectsAreFollowedOnlyAfterTheNewTargetPassesThePolicy() throws Exception {
        node.redirect(URL, "https://mirror.example.net/pool/debian-12.qcow2");
        node.serve("https://mirror.example.net/pool/debian-12.qcow2", IMAGE);
        DownloadResult r = shell.download(node.endpoint(),
                new DownloadRequest(URL, "debian-12.qcow2", Checksum.sha256(sha256(IMAGE))));
        assertEquals(IMAGE.length, r.sizeBytes());
        List<NodeEmulator.RecordedCommand> curls = node.commands("curl");
        assertEquals(2, curls.size());
        assertTrue(containsPair(curls.get(1).command(), "--resolve", "mirror.example.net:443:203.0.113.20"));

        node.redirect(URL, "http://169.254.169.254/latest/meta-data/iam/");
        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.download(node.endpoint(),
                new DownloadRequest(URL, "other.qcow2", null)));
        assertEquals(Kind.REFUSED_URL, e.kind());
        assertEquals(3, node.commands("curl").size()); // the metadata address was never requested
        assertFalse(Files.exists(node.path("/home/images/other.qcow2")));
        assertEquals(List.of("debian-12.qcow2"), imageDirEntries());
    }

    @Test
    void downloadTargetsCannotLeaveTheImageDirectory() {
        node.serve(URL, IMAGE);
        for (String name : List.of("../../etc/cron.d/evil", "/etc/cron.d/evil", "sub/x.qcow2", ".hidden")) {
            NodeShellException e = assertThrows(NodeShellException.class,
                    () -> shell.download(node.endpoint(), new DownloadRequest(URL, name, null)), name);
            assertEquals(Kind.REFUSED_PATH, e.kind(), name);
        }
        assertEquals(List.of(), node.commands());
        assertFalse(Files.exists(node.path("/etc/cron.d/evil")));
    }

    // ------------------------------------------------------------------------------------------------ import

    @Test
    void importsAnImageAsAnUnusedDiskAndReportsTheVolume() {
        node.writeFile("/home/images/debian-12.qcow2", IMAGE);

        DiskImportResult r = shell.importDisk(node.endpoint(), 101, "debian-12.qcow2", "local-lvm");

        assertEquals(Optional.of("local-lvm:vm-101-disk-0"), r.volumeId());
        assertEquals(List.of(new NodeEmulator.ImportedDisk(101, "/home/images/debian-12.qcow2", "local-lvm",
                "local-lvm:vm-101-disk-0")), node.imports());
        assertEquals(List.of("qm", "disk", "import", "101", "/home/images/debian-12.qcow2", "local-lvm"),
                node.commands("qm").get(0).command());
    }

    @Test
    void aFailingImportIsReportedWithQmsMessage() {
        node.writeFile("/home/images/debian-12.qcow2", IMAGE);
        NodeShellException e = assertThrows(NodeShellException.class,
                () -> shell.importDisk(node.endpoint(), 101, "debian-12.qcow2", "ceph-pool"));
        assertEquals(Kind.COMMAND_FAILED, e.kind());
        assertTrue(e.getMessage().contains("storage 'ceph-pool' does not exist"), e.getMessage());
        assertTrue(node.imports().isEmpty());
    }

    @Test
    void importingAMissingImageIsNotFound() {
        NodeShellException e = assertThrows(NodeShellException.class,
                () -> shell.importDisk(node.endpoint(), 101, "missing.qcow2", "local-lvm"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(node.commands("qm").isEmpty());
    }

    @Test
    void importRefusesTraversalAndSymlinksThatEscape() {
        node.writeFile("/etc/shadow", "root:$6$secret".getBytes(StandardCharsets.UTF_8));
        node.symlink("/home/images/innocent.qcow2", "/etc/shadow");

        for (String name : List.of("../../etc/shadow", "/etc/shadow", "innocent.qcow2")) {
            NodeShellException e = assertThrows(NodeShellException.class,
                    () -> shell.importDisk(node.endpoint(), 101, name, "local-lvm"), name);
            assertEquals(Kind.REFUSED_PATH, e.kind(), name);
        }
        assertTrue(node.commands("qm").isEmpty());
        assertTrue(node.imports().isEmpty());
    }

    @Test
    void aSymlinkThatStaysInsideIsFollowed() {
        node.writeFile("/home/images/debian-12.qcow2", IMAGE);
        node.symlink("/home/images/debian-latest.qcow2", "/home/images/debian-12.qcow2");
        shell.importDisk(node.endpoint(), 102, "debian-latest.qcow2", "local");
        assertEquals("/home/images/debian-12.qcow2", node.imports().get(0).source());
    }

    @Test
    void importValidatesVmidAndStorageId() {
        node.writeFile("/home/images/x.qcow2", IMAGE);
        for (int vmid : new int[] {-1, 0, 99, 1_000_000_000}) {
            assertThrows(IllegalArgumentException.class, () -> shell.importDisk(node.endpoint(), vmid, "x.qcow2", "local"));
        }
        for (String storage : List.of("", "Local", "local-", "1local", "local lvm", "local;reboot", "$(id)")) {
            assertThrows(IllegalArgumentException.class, () -> shell.importDisk(node.endpoint(), 100, "x.qcow2", storage),
                    storage);
        }
        assertTrue(node.commands().isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ list/delete

    @Test
    void listsRegularFilesOnlyWithSizes() throws Exception {
        node.writeFile("/home/images/b.qcow2", new byte[10]);
        node.writeFile("/home/images/a.img", new byte[3]);
        node.writeFile("/home/images/.a.img.part-0011", new byte[5]);
        node.writeFile("/home/images/file with spaces.iso", new byte[1]);
        Files.createDirectories(node.path("/home/images/subdir"));
        node.writeFile("/etc/shadow", new byte[7]);
        node.symlink("/home/images/link.qcow2", "/etc/shadow");

        List<ImageFile> files = shell.listImages(node.endpoint());

        assertEquals(List.of("a.img", "b.qcow2", "file with spaces.iso"), files.stream().map(ImageFile::name).toList());
        assertEquals(List.of(3L, 10L, 1L), files.stream().map(ImageFile::sizeBytes).toList());
        long expectedMillis = Files.getLastModifiedTime(node.path("/home/images/a.img")).toMillis();
        assertEquals(expectedMillis, files.get(0).modifiedAt().toEpochMilli());
    }

    @Test
    void deletesAFileAndIsIdempotent() {
        node.writeFile("/home/images/old.qcow2", IMAGE);
        assertTrue(shell.deleteImage(node.endpoint(), "old.qcow2"));
        assertFalse(Files.exists(node.path("/home/images/old.qcow2")));
        assertFalse(shell.deleteImage(node.endpoint(), "old.qcow2"));
    }

    @Test
    void deleteRefusesTraversalAndSymlinkEscapesAndKeepsTheTarget() {
        node.writeFile("/etc/passwd", "root:x:0:0".getBytes(StandardCharsets.UTF_8));
        node.symlink("/home/images/evil.qcow2", "/etc/passwd");

        for (String name : List.of("../../etc/passwd", "/etc/passwd", "/home/images/../../etc/passwd", "evil.qcow2")) {
            NodeShellException e = assertThrows(NodeShellException.class,
                    () -> shell.deleteImage(node.endpoint(), name), name);
            assertEquals(Kind.REFUSED_PATH, e.kind(), name);
        }
        assertTrue(Files.exists(node.path("/etc/passwd")));
        assertTrue(Files.isSymbolicLink(node.path("/home/images/evil.qcow2")));
        assertTrue(node.commands("rm").isEmpty());
    }

    @Test
    void aMissingImageDirectoryIsReported() {
        NodeEmulator other = NodeEmulator.builder(temp.resolve("other")).imageDirectory("/srv/images").start();
        try {
            NodeSshEndpoint endpoint = new NodeSshEndpoint(other.host(), other.port(),
                    NodeEmulator.USER, SshCredentials.password(NodeEmulator.PASSWORD),
                    other.hostKeyFingerprint(), "/srv/missing");
            NodeShellException e = assertThrows(NodeShellException.class, () -> shell.listImages(endpoint));
            assertEquals(Kind.COMMAND_FAILED, e.kind());
            assertTrue(e.getMessage().contains("/srv/missing"), e.getMessage());
        } finally {
            other.close();
        }
    }

    @Test
    void anImageDirectoryThatIsASymlinkToTheRootIsRefused() {
        NodeEmulator other = NodeEmulator.builder(temp.resolve("other")).imageDirectory("/srv/images").start();
        try {
            other.symlink("/srv/rooted", "/");
            NodeSshEndpoint endpoint = new NodeSshEndpoint(other.host(), other.port(), NodeEmulator.USER,
                    SshCredentials.password(NodeEmulator.PASSWORD), other.hostKeyFingerprint(), "/srv/rooted");
            NodeShellException e = assertThrows(NodeShellException.class, () -> shell.deleteImage(endpoint, "etc"));
            assertEquals(Kind.REFUSED_PATH, e.kind());
            assertTrue(other.commands("rm").isEmpty());
        } finally {
            other.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private List<String> imageDirEntries() throws IOException {
        try (Stream<Path> s = Files.list(node.path("/home/images"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean containsPair(List<String> argv, String option, String value) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals(option) && argv.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static String sha512(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
    }
}
