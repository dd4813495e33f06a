package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ImageSpec spec(String fileName, String url) {
        return ImageSpec.of("Debian 12", fileName, "linux", null, "debian", 0, url, null, true, null);
    }

    private static String field(Runnable r) {
        return assertThrows(DomainException.class, r::run).field().orElse(null);
    }

    @Test
    void aSpecGetsLegacyDefaults() {
        ImageSpec s = spec("debian-12.qcow2", "HTTPS://cloud.debian.org/x.qcow2");
        assertEquals("x86_64", s.arch());
        assertEquals("/home/images", s.path().value());
        assertEquals("https://cloud.debian.org/x.qcow2", s.url());
        assertEquals("l26", s.pveOsType());
        assertEquals("aarch64", ImageSpec.of("a", "a.qcow2", "linux", "arrch64", "debian", 0, "http://h/a", "/home/images/", false, null).arch());
        assertEquals("windows", ImageSpec.of("w", "w.qcow2", "win", null, null, 1, null, "default", false, null).osType());
    }

    @ParameterizedTest
    @CsvSource({"../x.qcow2", "a/b.qcow2", ".hidden", "a b.qcow2", "x..qcow2", "-rf", "a;b"})
    void fileNamesThatCouldLeaveTheDirectoryOrReachAShellAreRefused(String name) {
        assertEquals("fileName", field(() -> new ImageFileName(name)));
    }

    @Test
    void onlyDiskImageFormatsPveImportsGoThroughPve() {
        assertTrue(new ImageFileName("a.qcow2").importable());
        assertTrue(new ImageFileName("a.raw").importable());
        assertFalse(new ImageFileName("noble-server-cloudimg-amd64.img").importable());
        assertEquals("CentOS-8-Stream-x64", new ImageFileName("CentOS-8-Stream-x64.qcow2").baseName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc", "/etc/pve", "/root", "/usr/lib", "relative", "/home/../etc", "/home//x", "/a/./b", "/var/lib/pve-cluster/x"})
    void systemAndTraversingDirectoriesAreRefused(String path) {
        assertEquals("path", field(() -> ImageDirectory.of(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h/x", "file:///etc/passwd", "http://user:pw@h/x", "http:///x", "http://h/a b", "not a url"})
    void urlsMustBeHttpWithoutCredentials(String url) {
        assertEquals("url", field(() -> ImageUrl.require(url, "url")));
    }

    @Test
    void linuxNeedsADistroFamilyAndUrlDownloadsAUrl() {
        assertEquals("osType", field(() -> ImageSpec.of("a", "a.qcow2", "linux", null, null, 0, "http://h/a", null, false, null)));
        assertEquals("url", field(() -> ImageSpec.of("a", "a.qcow2", "linux", null, "debian", 0, null, null, false, null)));
        assertEquals("downType", field(() -> ImageSpec.of("a", "a.qcow2", "linux", null, "debian", 2, "http://h/a", null, false, null)));
        assertEquals("type", field(() -> ImageSpec.of("a", "a.qcow2", "bsd", null, "debian", 0, "http://h/a", null, false, null)));
        assertEquals("arch", field(() -> ImageSpec.of("a", "a.qcow2", "linux", "riscv64", "debian", 0, "http://h/a", null, false, null)));
        assertEquals("name", field(() -> ImageSpec.of(" ", "a.qcow2", "linux", null, "debian", 0, "http://h/a", null, false, null)));
    }

    @Test
    void checksumsMustMatchTheirAlgorithm() {
        assertEquals("checksum", field(() -> ImageChecksum.ofNullable("SHA256", "abc")));
        assertEquals("checksumAlgorithm", field(() -> ImageChecksum.ofNullable("MD5", "a".repeat(32))));
        assertEquals("a".repeat(128), ImageChecksum.ofNullable("sha-512", "A".repeat(128)).hex());
        assertNull(ImageChecksum.ofNullable(null, null));
    }

    @ParameterizedTest
    @CsvSource({
            "linux, anything-7-8.qcow2, l26",
            "windows, Windows-Server-2022.qcow2, win11",
            "windows, win2019-datacenter.qcow2, win10",
            "windows, Windows-2012R2-x64-v17.qcow2, win8",
            "windows, Win2008R2.qcow2, w2k8",
            "windows, Windows-10-x64.qcow2, win10",
            "windows, win7-sp1.qcow2, win7",
            "windows, WinXP.qcow2, wxp",
            "windows, build-17-image.qcow2, other"})
    void pveOsTypeMatchesWholeVersionTokens(String type, String fileName, String expected) {
        assertEquals(expected, PveOsType.of(ImageKind.parse(type, "type"), fileName));
    }

    @Test
    void pveVersionsFromEightFourFetchImportContent() {
        assertTrue(PveVersion.parse("pve-manager/9.1.1/abc").orElseThrow().downloadsImportContent());
        assertTrue(PveVersion.parse("pve-manager/8.4.0/x").orElseThrow().downloadsImportContent());
        assertFalse(PveVersion.parse("pve-manager/8.1.4/x").orElseThrow().downloadsImportContent());
        assertFalse(PveVersion.parse("pve-manager/7.4-3/x").orElseThrow().downloadsImportContent());
        assertTrue(PveVersion.parse("garbage").isEmpty());
    }

    @Test
    void sizesLookLikeTheLegacyStrings() {
        assertEquals("597MB", ImageSize.human(597L << 20));
        assertEquals("5GB", ImageSize.human(5L << 30));
        assertEquals("2.5GB", ImageSize.human((5L << 30) / 2));
        assertNull(ImageSize.human(null));
    }

    @Test
    void searchAcceptsOnlyWhitelistedFields() {
        assertEquals(ImageField.OS_TYPE, ImageField.filter("osType", "ubu").field());
        assertEquals(1, ImageField.filter("cloud", "1").flagValue());
        assertEquals("param", field(() -> ImageField.filter("status; DROP TABLE os_image", "0")));
        assertEquals("value", field(() -> ImageField.filter("downType", "x")));
        assertEquals("value", field(() -> ImageField.filter("name", null)));
    }

    // ------------------------------------------------------------------------------------------ download states

    @Test
    void aDownloadRunsReportsMonotonicBoundedProgressAndCompletesAt100() {
        ImageDownload d = ImageDownload.notDownloaded(1, 2, T0);
        d.start("r1", T0);
        assertEquals(DownloadState.DOWNLOADING, d.state());
        d.useMethod(DownloadMethod.PVE, "UPID:x", "local:import/a.qcow2", T0);
        assertTrue(d.report(40.5, T0.plusSeconds(1)));
        assertFalse(d.report(20, T0.plusSeconds(2)), "never backwards");
        d.report(250, T0.plusSeconds(3));
        assertEquals(99, d.progress(), "100 only by completing");
        d.complete(DownloadMethod.PVE, "local:import/a.qcow2", T0.plusSeconds(4));
        assertEquals(DownloadState.DOWNLOADED, d.state());
        assertEquals(100, d.progress());
        assertNull(d.owner());
        assertThrows(IllegalStateException.class, () -> d.report(50, T0));
        assertThrows(DomainException.class, () -> d.start("r2", T0));
    }

    @Test
    void aFailedDownloadKeepsNoLocationAndMayBeStartedAgain() {
        ImageDownload d = ImageDownload.notDownloaded(1, 2, T0);
        d.start("r1", T0);
        d.useMethod(DownloadMethod.SSH, null, "/home/images/a.img", T0);
        d.fail("x".repeat(5000), T0);
        assertEquals(DownloadState.FAILED, d.state());
        assertNull(d.location());
        assertEquals(ImageDownload.MAX_REASON, d.reason().length());
        d.start("r2", T0);
        assertEquals(0, d.progress());
        assertThrows(DomainException.class, () -> d.start("r3", T0), "already running");
        assertThrows(IllegalStateException.class, () -> ImageDownload.notDownloaded(1, 2, T0).fail("x", T0));
    }

    @Test
    void onlyAStaleDownloadIsAnOrphanAndOnlyAPveTaskCanBeResumed() {
        ImageDownload d = ImageDownload.notDownloaded(1, 2, T0);
        d.start("r1", T0);
        assertFalse(d.orphaned(T0.plusSeconds(60), Duration.ofMinutes(2)));
        assertTrue(d.orphaned(T0.plusSeconds(120), Duration.ofMinutes(2)));
        assertFalse(d.resumable());
        d.useMethod(DownloadMethod.PVE, "UPID:x", "local:import/a.qcow2", T0);
        assertTrue(d.resumable());
        d.adopt("r2", T0.plusSeconds(200));
        assertEquals("r2", d.owner());
        assertFalse(d.orphaned(T0.plusSeconds(201), Duration.ofMinutes(2)));
    }

    @Test
    void anUploadIsUsableAtOnceButNotTwice() {
        ImageDownload d = ImageDownload.notDownloaded(1, 2, T0);
        d.recordUpload("/home/images/a.qcow2", T0);
        assertEquals(DownloadState.DOWNLOADED, d.state());
        assertEquals(DownloadMethod.MANUAL, d.method());
        assertThrows(DomainException.class, () -> d.recordUpload("/home/images/a.qcow2", T0));
    }

    // ------------------------------------------------------------------------------------------ image edits

    @Test
    void editsKeepTheDownloadTypeAndSizeAndProtectFilesOnNodes() {
        OsImage image = new OsImage(7L, spec("a.qcow2", "http://h/a"), ImageStatus.NORMAL, null, 597L << 20, T0);
        ImageDownload onNode = ImageDownload.notDownloaded(7, 1, T0);
        onNode.recordUpload("/home/images/a.qcow2", T0);
        assertEquals("downType", field(() -> image.revise(spec("a.qcow2", "http://h/a"), 1, null, null, List.of())));
        assertEquals("size", field(() -> image.revise(spec("a.qcow2", "http://h/a"), 0, "1GB", null, List.of())));
        assertEquals("fileName", field(() -> image.revise(spec("b.qcow2", "http://h/a"), 0, "597MB", null, List.of(onNode))));
        image.revise(ImageSpec.of("Renamed", "a.qcow2", "linux", null, "debian", 0, "http://h/b", null, false, null), 0, "597MB",
                ImageStatus.UNREACHABLE, List.of(onNode));
        assertEquals("url", field(() -> image.revise(ImageSpec.of("Renamed", "a.qcow2", "linux", null, "debian", 1, null, null, false, null),
                null, null, null, List.of())));
        assertEquals(DownloadType.URL, image.spec().downloadType());
        assertEquals(ImageStatus.UNREACHABLE, image.status());

        ImageDownload running = ImageDownload.notDownloaded(7, 2, T0);
        running.start("r1", T0);
        assertThrows(DomainException.class, () -> image.checkDeletable(List.of(running)));
        image.checkDeletable(List.of(onNode));
        assertEquals("status", field(() -> ImageStatus.of(1, "status")));
    }

    @Test
    void aCatalogueEntryBecomesAnImageNamedAfterItsFile() {
        ImageSpec s = new CatalogueEntry("Debian-12-x64.qcow2", "https://cloud.debian.org/d.qcow2", true, "linux", "x86_64",
                "debian", null, null).toSpec();
        assertEquals("Debian-12-x64", s.name());
        assertEquals(DownloadType.URL, s.downloadType());
        assertTrue(s.cloudInit());
        assertEquals("/home/images", s.path().value());
    }
}
