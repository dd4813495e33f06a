package com.pveams.adapters.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.application.port.out.image.OsCatalogueSource;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.CatalogueEntry;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.image.ImageFileName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The online image catalogue in the legacy {@code os.json} format: an object keyed by file name, each value with
 * {@code url}, {@code cloud-int} (0/1), {@code type}, {@code arch}, {@code osType}, and here optionally
 * {@code checksumAlgorithm}/{@code checksum} and {@code checksumsUrl}. Fetched from the configured URL with a short
 * timeout; without a URL, or when it fails or answers something unreadable, the copy shipped in
 * {@code catalogue/os-catalogue.json} is used, so the catalogue works offline. Entries that break the image rules
 * (file name, URL) are skipped rather than failing the whole list.
 */
@ApplicationScoped
public class HttpOsCatalogue implements OsCatalogueSource {
    static final String BUNDLED = "catalogue/os-catalogue.json";
    private static final Logger LOG = Logger.getLogger(HttpOsCatalogue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 1 << 20;

    private final OsCatalogueConfig config;
    private final HttpClient http;
    private final List<CatalogueEntry> bundled;

    @Inject
    public HttpOsCatalogue(Instance<OsCatalogueConfig> config) {
        this(config.isResolvable() ? config.get() : OsCatalogueConfig.bundledOnly());
    }

    public HttpOsCatalogue(OsCatalogueConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.bundled = readBundled();
    }

    @Override
    public Catalogue load() {
        if (config.url().isEmpty()) {
            return new Catalogue(bundled, true);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(config.url().get()).timeout(config.timeout())
                    .header("Accept", "application/json").GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
                throw new IOException("HTTP " + response.statusCode() + ", " + response.body().length + " bytes");
            }
            List<CatalogueEntry> entries = parse(JSON.readTree(response.body()));
            if (entries.isEmpty()) {
                throw new IOException("no usable entry");
            }
            return new Catalogue(entries, false);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Online image catalogue %s unavailable (%s); using the shipped copy", config.url().get(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Catalogue(bundled, true);
    }

    private static List<CatalogueEntry> readBundled() {
        try (InputStream in = HttpOsCatalogue.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the build");
            }
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CatalogueEntry> parse(JsonNode root) {
        List<CatalogueEntry> out = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            try {
                new ImageFileName(f.getKey());
                CatalogueEntry entry = new CatalogueEntry(f.getKey(), text(v, "url").orElseThrow(), v.path("cloud-int").asInt(0) == 1,
                        text(v, "type").orElse("linux"), text(v, "arch").orElse("x86_64"), text(v, "osType").orElse(null),
                        ImageChecksum.ofNullable(text(v, "checksumAlgorithm").orElse(null), text(v, "checksum").orElse(null)),
                        text(v, "checksumsUrl").orElse(null));
                entry.toSpec(); // the rules an activated image must meet
                out.add(entry);
            } catch (DomainException | java.util.NoSuchElementException e) {
                LOG.debugf("Skipping catalogue entry %s: %s", f.getKey(), e.getMessage());
            }
        }
        return out;
    }

    private static Optional<String> text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText());
    }
}
