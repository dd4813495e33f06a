package com.pveams.domain.maintenance;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.ImageChecksum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeFetchTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void theFileNameDefaultsToTheUrlsLastSegment() {
        NodeFetch f = NodeFetch.of("HTTPS://mirror.example.org/virtio/virtio-win.iso?x=1", null, null, null);
        assertEquals("https://mirror.example.org/virtio/virtio-win.iso?x=1", f.url());
        assertEquals("virtio-win.iso", f.fileName().value());
        assertNull(f.checksum());
    }

    @Test
    void anExplicitNameAndChecksumAreKept() {
        NodeFetch f = NodeFetch.of("http://mirror.example.org/a", "tools.iso", "sha-256", SHA.toUpperCase());
        assertEquals("tools.iso", f.fileName().value());
        assertEquals(new ImageChecksum(ImageChecksum.Algorithm.SHA256, SHA), f.checksum());
    }

    @Test
    void hostileOrMissingValuesNameTheirField() {
        assertEquals("fileName", field(() -> NodeFetch.of("http://mirror.example.org/a", "../../etc/cron.d/x", null, null)));
        assertEquals("fileName", field(() -> NodeFetch.of("http://mirror.example.org/a", ".hidden", null, null)));
        assertEquals("fileName", field(() -> NodeFetch.of("http://mirror.example.org/", null, null, null)));
        assertEquals("fileName", field(() -> NodeFetch.of("http://mirror.example.org/a%2F..%2Fb", null, null, null)));
        assertEquals("url", field(() -> NodeFetch.of("file:///etc/shadow", "x.iso", null, null)));
        assertEquals("url", field(() -> NodeFetch.of("http://user:pw@mirror.example.org/x.iso", null, null, null)));
        assertEquals("url", field(() -> NodeFetch.of(" ", null, null, null)));
        assertEquals("checksum", field(() -> NodeFetch.of("http://mirror.example.org/x.iso", null, "SHA256", "abc")));
        assertEquals("checksumAlgorithm", field(() -> NodeFetch.of("http://mirror.example.org/x.iso", null, "MD5", SHA)));
        assertEquals("checksumAlgorithm", field(() -> NodeFetch.of("http://mirror.example.org/x.iso", null, null, SHA)));
    }

    private static String field(Runnable r) {
        return assertThrows(DomainException.class, r::run).field().orElseThrow();
    }
}
