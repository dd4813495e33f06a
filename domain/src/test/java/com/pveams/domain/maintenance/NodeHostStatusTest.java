package com.pveams.domain.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeHostStatusTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String PVEVERSION = "pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)\n";
    static final String PROC = "350735.47 234388.90\n0.10 0.25 1.50 2/345 6789\n";
    static final String DF = "Filesystem           1024-blocks     Used Available Capacity Mounted on\n"
            + "/dev/mapper/pve-root    98497780 12345678  81102444      14% /\n";

    private static Map<HostProbe, ProbeOutput> allGood() {
        Map<HostProbe, ProbeOutput> m = new EnumMap<>(HostProbe.class);
        m.put(HostProbe.PVE_VERSION, ProbeOutput.of(0, PVEVERSION));
        m.put(HostProbe.KERNEL, ProbeOutput.of(0, "6.8.8-2-pve\n"));
        m.put(HostProbe.LOAD, ProbeOutput.of(0, PROC));
        m.put(HostProbe.IMAGE_DISK, ProbeOutput.of(0, DF));
        m.put(HostProbe.QEMU_IMG, ProbeOutput.of(0, "qemu-img version 8.1.5 (pve-qemu-kvm_8.1.5-6)\nCopyright (c) 2003-2023\n"));
        m.put(HostProbe.CURL, ProbeOutput.of(0, "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.11\n"));
        m.put(HostProbe.TIMEOUT, ProbeOutput.of(0, "timeout (GNU coreutils) 9.1\nCopyright (C) 2022\n"));
        return m;
    }

    @Test
    void probesAreFixedArgumentListsAndOnlyTheImageDirectoryVaries() {
        assertEquals(List.of("pveversion"), HostProbe.PVE_VERSION.argv("/home/images"));
        assertEquals(List.of("df", "-P", "-k", "--", "-rf /x"), HostProbe.IMAGE_DISK.argv("-rf /x"));
        assertEquals(List.of("cat", "/proc/uptime", "/proc/loadavg"), HostProbe.LOAD.argv("/home/images"));
    }

    @Test
    void aHealthyNodeIsReadIntoTypedValues() {
        NodeHostStatus s = NodeHostStatus.assess(NOW, "/home/images", allGood());
        assertTrue(s.healthy());
        PveManagerVersion pve = s.pve().orElseThrow();
        assertEquals("8.2.4", pve.release());
        assertEquals("faa83925c9641325", pve.build());
        assertEquals(8, pve.major());
        assertEquals(2, pve.minor());
        assertEquals(Optional.of("6.8.8-2-pve"), s.runningKernel());
        HostLoad load = s.load().orElseThrow();
        assertEquals(Duration.ofSeconds(350735), load.uptime());
        assertEquals(0.10, load.load1());
        assertEquals(1.50, load.load15());
        assertEquals(345, load.processes());
        DiskSpace disk = s.imageDisk().orElseThrow();
        assertEquals(98497780L * 1024, disk.totalBytes());
        assertEquals(81102444L * 1024, disk.availableBytes());
        assertEquals("/", disk.mountPoint());
        assertEquals(14, disk.usedPercent());
        assertEquals(List.of(new ToolStatus("qemu-img", true, "8.1.5"), new ToolStatus("curl", true, "7.88.1"),
                new ToolStatus("timeout", true, "9.1")), s.tools());
    }

    @Test
    void missingToolsAndFailedProbesBecomeProblemsWithoutHidingTheRest() {
        Map<HostProbe, ProbeOutput> m = allGood();
        m.put(HostProbe.QEMU_IMG, ProbeOutput.of(127, ""));
        m.put(HostProbe.IMAGE_DISK, ProbeOutput.of(1, ""));
        m.put(HostProbe.KERNEL, ProbeOutput.timeout());
        m.remove(HostProbe.TIMEOUT);
        NodeHostStatus s = NodeHostStatus.assess(NOW, "/home/images", m);
        assertFalse(s.healthy());
        assertEquals(List.of(
                new ProbeProblem(HostProbe.KERNEL, ProbeProblem.Kind.TIMED_OUT, null),
                new ProbeProblem(HostProbe.IMAGE_DISK, ProbeProblem.Kind.FAILED, 1),
                new ProbeProblem(HostProbe.QEMU_IMG, ProbeProblem.Kind.MISSING, 127),
                new ProbeProblem(HostProbe.TIMEOUT, ProbeProblem.Kind.TIMED_OUT, null)), s.problems());
        assertEquals(new ToolStatus("qemu-img", false, null), s.tools().get(0));
        assertEquals(Optional.of("6.8.8-2-pve"), s.runningKernel(), "pveversion's kernel stands in for uname's");
        assertTrue(s.pve().isPresent());
        assertTrue(s.imageDisk().isEmpty());
    }

    @Test
    void outputThatIsNotWhatTheProgramPrintsIsUnreadableNotPassedOn() {
        Map<HostProbe, ProbeOutput> m = allGood();
        m.put(HostProbe.PVE_VERSION, ProbeOutput.of(0, "<script>alert(1)</script>\n"));
        m.put(HostProbe.KERNEL, ProbeOutput.of(0, "6.8.8\n6.8.9\n"));
        m.put(HostProbe.LOAD, ProbeOutput.of(0, "1 2\n"));
        NodeHostStatus s = NodeHostStatus.assess(NOW, "/home/images", m);
        assertEquals(List.of(HostProbe.PVE_VERSION, HostProbe.KERNEL, HostProbe.LOAD),
                s.problems().stream().map(ProbeProblem::probe).toList());
        assertTrue(s.problems().stream().allMatch(p -> p.kind() == ProbeProblem.Kind.UNREADABLE));
        assertTrue(s.runningKernel().isEmpty());
    }

    @Test
    void olderPveReleasesAndMissingKernelAreRead() {
        PveManagerVersion v = PveManagerVersion.parse("pve-manager/7.4-3/9002ab8a\n").orElseThrow();
        assertEquals("7.4-3", v.release());
        assertEquals(7, v.major());
        assertEquals(4, v.minor());
        assertEquals(null, v.runningKernel());
        assertTrue(PveManagerVersion.parse("pve-manager/8.2.4/faa83925c9641325 (running kernel: $(id))").isEmpty());
    }

    @Test
    void dfRowsWithSpacesInTheFileSystemNameAndOversizedNumbers() {
        DiskSpace d = DiskSpace.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "my nfs:/export 1000 250 750 25% /mnt/pve/my images\n").orElseThrow();
        assertEquals("/mnt/pve/my images", d.mountPoint());
        assertEquals(750 * 1024, d.availableBytes());
        assertTrue(DiskSpace.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "x 9999999999999999999 1 1 1% /\n").isEmpty());
        assertTrue(DiskSpace.parse("df: /home/images: No such file or directory\n").isEmpty());
    }

    @Test
    void toolVersionsAreTheFirstDottedNumber() {
        assertEquals(Optional.of("8.1.5"), ToolStatus.parseVersion("qemu-img version 8.1.5 (pve-qemu-kvm_8.1.5-6)"));
        assertEquals(Optional.empty(), ToolStatus.parseVersion("something without a version"));
    }
}
