package com.pveams.bootstrap.packaged;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests the build generates ({@code target/kubernetes/kubernetes.yml}, written by
 * {@code quarkus:build} in {@code package}, hence a failsafe test): what docs/DEPLOYMENT.md promises an operator.
 */
class KubernetesManifestIT {
    private static final String SECRET = "proxmoxve-ams-secrets";
    /** Every credential and key the service reads, by environment variable, and its key in the Secret. */
    private static final Map<String, String> FROM_SECRET = Map.of(
            "QUARKUS_DATASOURCE_USERNAME", "db-username",
            "QUARKUS_DATASOURCE_PASSWORD", "db-password",
            "AMS_ADMIN_JWT_SECRET", "jwt-secret",
            "AMS_ADMIN_JWT_PREVIOUS_SECRETS", "jwt-previous-secrets",
            "AMS_SECRETS_KEY", "secrets-key",
            "AMS_SECRETS_PREVIOUS_KEYS", "secrets-previous-keys",
            "AMS_ADMIN_INITIAL_PASSWORD", "initial-admin-password");

    private static String text;
    private static Map<String, Map<String, Object>> byKind;

    @BeforeAll
    static void load() throws IOException {
        Path file = Path.of(System.getProperty("ams.it.kubernetes-manifest", "target/kubernetes/kubernetes.yml"));
        assertTrue(Files.isRegularFile(file), "the build did not generate " + file.toAbsolutePath());
        text = Files.readString(file);
        byKind = new HashMap<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            Map<String, Object> resource = map(doc);
            assertNull(byKind.put((String) resource.get("kind"), resource), "one resource of each kind");
        }
    }

    @Test
    void twoReplicasOfTheServiceBehindAService() {
        Map<String, Object> spec = map(deployment().get("spec"));
        assertEquals(2, spec.get("replicas"));
        Map<String, Object> service = byKind.get("Service");
        assertNotNull(service, "a Service");
        Map<String, Object> port = map(list(map(service.get("spec")).get("ports")).get(0));
        assertEquals(8080, port.get("targetPort"));
        assertEquals(map(map(spec.get("selector")).get("matchLabels")), map(map(service.get("spec")).get("selector")));
    }

    @Test
    void probesUseTheHealthEndpoints() {
        Map<String, Object> container = container();
        assertEquals("/q/health/live", map(map(container.get("livenessProbe")).get("httpGet")).get("path"));
        assertEquals("/q/health/ready", map(map(container.get("readinessProbe")).get("httpGet")).get("path"));
        assertEquals("/q/health/started", map(map(container.get("startupProbe")).get("httpGet")).get("path"));
        assertEquals(8080, map(map(container.get("readinessProbe")).get("httpGet")).get("port"));
    }

    @Test
    void resourcesAreBounded() {
        Map<String, Object> resources = map(container().get("resources"));
        assertNotNull(map(resources.get("requests")).get("memory"));
        assertNotNull(map(resources.get("requests")).get("cpu"));
        assertNotNull(map(resources.get("limits")).get("memory"));
    }

    @Test
    void everyCredentialComesFromTheSecretAndNoValueIsInlined() {
        Map<String, Map<String, Object>> env = new HashMap<>();
        for (Object e : list(container().get("env"))) {
            env.put((String) map(e).get("name"), map(e));
        }
        FROM_SECRET.forEach((name, key) -> {
            Map<String, Object> var = env.get(name);
            assertNotNull(var, name + " is not set");
            assertNull(var.get("value"), name + " must not carry a value");
            Map<String, Object> ref = map(map(var.get("valueFrom")).get("secretKeyRef"));
            assertEquals(SECRET, ref.get("name"), name);
            assertEquals(key, ref.get("key"), name);
        });
        // nothing secret anywhere else: not as a plain variable, not in the ConfigMap, no Secret resource with data
        Set<String> secretNames = new HashSet<>(FROM_SECRET.keySet());
        for (Map<String, Object> var : env.values()) {
            String name = (String) var.get("name");
            if (var.containsKey("value")) {
                assertFalse(looksSecret(name), name + " is inlined");
            }
        }
        Map<String, Object> configMap = byKind.get("ConfigMap");
        assertNotNull(configMap, "settings come from a ConfigMap");
        map(configMap.get("data")).keySet().forEach(k -> {
            assertFalse(looksSecret(k), k + " belongs in the Secret, not the ConfigMap");
            assertFalse(secretNames.contains(k), k);
        });
        assertFalse(byKind.containsKey("Secret"), "the Secret is the operator's, never generated with values");
        List<Object> envFrom = list(container().get("envFrom"));
        assertEquals(configMap.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null,
                map(map(envFrom.get(0)).get("configMapRef")).get("name"));
    }

    @Test
    void prometheusScrapesTheMetricsEndpoint() {
        Map<String, Object> annotations = map(map(map(map(deployment().get("spec")).get("template")).get("metadata"))
                .get("annotations"));
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
    }

    @Test
    void runsAsNonRootAndIsReproducible() {
        Map<String, Object> security = map(map(map(map(deployment().get("spec")).get("template")).get("spec"))
                .get("securityContext"));
        assertEquals(true, security.get("runAsNonRoot"));
        assertTrue(((Number) security.get("runAsUser")).intValue() > 0);
        assertFalse(text.contains("build-timestamp"), "a timestamp makes every build's manifests differ");
        assertFalse(text.contains("vcs-uri") || text.contains("commit-id"), "no commit ids either");
    }

    private static boolean looksSecret(String name) {
        String n = name.toUpperCase();
        return n.contains("PASSWORD") || n.contains("SECRET") || n.contains("KEY") || n.contains("TOKEN");
    }

    private static Map<String, Object> deployment() {
        Map<String, Object> d = byKind.get("Deployment");
        assertNotNull(d, "a Deployment");
        return d;
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(map(map(map(deployment().get("spec")).get("template")).get("spec")).get("containers"));
        assertEquals(1, containers.size());
        return map(containers.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "expected a mapping, found " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertTrue(o instanceof List, "expected a list, found " + o);
        return new ArrayList<>((List<Object>) o);
    }
}
