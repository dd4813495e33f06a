package com.pveams.adapters.catalogue;

import com.pveams.application.port.out.image.OsCatalogueSource.Catalogue;
import com.pveams.domain.image.CatalogueEntry;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpOsCatalogueTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/os.json", x -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/os.json");
    }

    @Test
    void withoutAUrlTheShippedCatalogueIsUsed() {
        Catalogue c = new HttpOsCatalogue(OsCatalogueConfig.bundledOnly()).load();
        assertTrue(c.bundled());
        assertTrue(c.entries().stream().map(CatalogueEntry::fileName).toList().containsAll(java.util.List.of(
                "Debian-12-x64.qcow2", "Debian-13-x64.qcow2", "Ubuntu-22.04-x64.qcow2", "Ubuntu-24.04-x64.qcow2",
                "Rocky-9-x64.qcow2", "AlmaLinux-9-x64.qcow2")));
        // "latest" links change under the same URL, so no digest is pinned for them
        assertTrue(c.entries().stream().allMatch(e -> e.checksum() == null && e.checksumsUrl() != null));
        assertTrue(c.entries().stream().allMatch(e -> e.url().startsWith("https://")));
    }

    @Test
    void anUnreachableUrlFallsBackToTheShippedCopy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Catalogue c = new HttpOsCatalogue(new OsCatalogueConfig(Optional.of(URI.create("http://127.0.0.1:" + port + "/os.json")),
                Duration.ofSeconds(2))).load();
        assertTrue(c.bundled());
        assertFalse(c.entries().isEmpty());
    }

    @Test
    void anErrorOrUnreadableAnswerFallsBackToo() throws IOException {
        assertTrue(new HttpOsCatalogue(new OsCatalogueConfig(Optional.of(serve(500, "{}")), Duration.ofSeconds(2))).load().bundled());
        stop();
        assertTrue(new HttpOsCatalogue(new OsCatalogueConfig(Optional.of(serve(200, "not json")), Duration.ofSeconds(2))).load().bundled());
    }

    @Test
    void theConfiguredCatalogueIsReadInTheLegacyFormatSkippingBadEntries() throws IOException {
        String json = """
                {"CentOS-8-Stream-x64.qcow2": {"url": "http://mirror.example/CentOS-8-Stream-x64.qcow2", "cloud-int": 1,
                   "type": "linux", "arch": "x86_64", "osType": "centos",
                   "checksumAlgorithm": "SHA256", "checksum": "%s"},
                 "../../etc/passwd": {"url": "http://x/y", "type": "linux", "osType": "centos"},
                 "NoUrl.qcow2": {"type": "linux", "osType": "centos"}}""".formatted("ab".repeat(32));
        Catalogue c = new HttpOsCatalogue(new OsCatalogueConfig(Optional.of(serve(200, json)), Duration.ofSeconds(2))).load();
        assertFalse(c.bundled());
        assertEquals(1, c.entries().size());
        CatalogueEntry e = c.entries().get(0);
        assertEquals("CentOS-8-Stream-x64.qcow2", e.fileName());
        assertTrue(e.cloudInit());
        assertEquals("ab".repeat(32), e.checksum().hex());
        assertNull(e.checksumsUrl());
    }
}
