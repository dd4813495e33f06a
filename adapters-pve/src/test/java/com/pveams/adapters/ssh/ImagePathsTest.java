package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePathsTest {
    private static final String DIR = "/home/images";

    @Test
    void acceptsPlainNamesAndAbsolutePathsDirectlyInside() {
        assertEquals("debian-12-genericcloud-amd64.qcow2", ImagePaths.fileName(DIR, "debian-12-genericcloud-amd64.qcow2"));
        assertEquals("Win2019_DC+virtio.qcow2", ImagePaths.fileName(DIR + "/", "Win2019_DC+virtio.qcow2"));
        assertEquals("x.img", ImagePaths.fileName(DIR, "/home/images/x.img"));
        assertEquals("x.img", ImagePaths.fileName("//home//images/", "/home/images/x.img"));
    }

    @Test
    void refusesTraversalAbsolutePathsElsewhereAndOddNames() {
        for (String name : List.of("../etc/passwd", "..", ".", "a/../../etc/shadow", "/etc/passwd",
                "/home/images/../../etc/passwd", "/home/imagesX/x.img", "/home/images/sub/x.img", "sub/x.img",
                ".hidden", ".x.part-1", "", "a\nb", "a b", "a;b", "$(id)", "-rf", "x\0y", "a".repeat(201))) {
            NodeShellException e = assertThrows(NodeShellException.class, () -> ImagePaths.fileName(DIR, name), name);
            assertEquals(NodeShellException.Kind.REFUSED_PATH, e.kind(), name);
        }
    }

    @Test
    void imageDirectoryMustBeAbsoluteAndPlain() {
        assertEquals("/var/lib/vz/template/iso", ImagePaths.directory("/var/lib/vz/template/iso/"));
        for (String dir : List.of("relative/dir", "/", "//", "/home/../etc", "/home/./images", "/home/im ages")) {
            assertThrows(NodeShellException.class, () -> ImagePaths.directory(dir), dir);
        }
    }

    @Test
    void insideMeansStrictlyBelow() {
        assertEquals(true, ImagePaths.isInside("/home/images", "/home/images/x"));
        assertEquals(false, ImagePaths.isInside("/home/images", "/home/images"));
        assertEquals(false, ImagePaths.isInside("/home/images", "/home/imagesX/x"));
        assertEquals(false, ImagePaths.isInside("/home/images", "/etc/shadow"));
    }
}
