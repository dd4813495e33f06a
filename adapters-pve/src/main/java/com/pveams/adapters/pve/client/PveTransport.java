package com.pveams.adapters.pve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.auth.AuthState;
import com.pveams.adapters.pve.auth.NodeAuthenticator;
import com.pveams.adapters.pve.mapping.PveErrorMapper;
import com.pveams.adapters.pve.tls.PinMismatchException;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * HTTP transport to one PVE node: builds requests (query string for GET/DELETE, form body for POST/PUT), adds
 * authentication (re-login once on 401), limits concurrency, maps errors and retries idempotent calls with jittered
 * exponential backoff. Logs method, path and status only — never parameters, bodies or headers. Every HTTP
 * exchange is reported to a {@link PveCallObserver} with its duration (latency metrics).
 */
public final class PveTransport {

    /** Whether repeating a call is harmless. Only idempotent calls are retried. */
    public enum Idempotency { IDEMPOTENT, NOT_IDEMPOTENT }

    /** Sleeps between retries; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final System.Logger LOG = System.getLogger(PveTransport.class.getName());

    private final NodeEndpoint endpoint;
    private final PveClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final ConcurrencyLimits limits;
    private final Sleeper sleeper;
    private final PveCallObserver observer;
    private volatile NodeAuthenticator authenticator;

    public PveTransport(NodeEndpoint endpoint, PveClientConfig config, HttpClient http, ObjectMapper json,
                        ConcurrencyLimits limits, Sleeper sleeper) {
        this(endpoint, config, http, json, limits, sleeper, PveCallObserver.NONE);
    }

    public PveTransport(NodeEndpoint endpoint, PveClientConfig config, HttpClient http, ObjectMapper json,
                        ConcurrencyLimits limits, Sleeper sleeper, PveCallObserver observer) {
        this.observer = observer;
        this.endpoint = endpoint;
        this.config = config;
        this.http = http;
        this.json = json;
        this.limits = limits;
        this.sleeper = sleeper;
    }

    public void setAuthenticator(NodeAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public NodeEndpoint endpoint() {
        return endpoint;
    }

    public String nodeKey() {
        return endpoint.authority();
    }

    public JsonNode get(String path, Map<String, String> query) {
        return call("GET", path, query, Idempotency.IDEMPOTENT);
    }

    public JsonNode post(String path, Map<String, String> form) {
        return call("POST", path, form, Idempotency.NOT_IDEMPOTENT);
    }

    public JsonNode put(String path, Map<String, String> form, Idempotency idempotency) {
        return call("PUT", path, form, idempotency);
    }

    public JsonNode delete(String path, Map<String, String> query) {
        return call("DELETE", path, query, Idempotency.NOT_IDEMPOTENT);
    }

    /** Unauthenticated {@code POST /access/ticket}; used by the ticket authenticator. Not retried. */
    public JsonNode login(Map<String, String> form) {
        HttpResponse<String> r = send(request("POST", FormEncoding.path("access", "ticket"), form, null),
                "POST /access/ticket", "POST", "/access/ticket");
        return handle(r, "POST /access/ticket");
    }

    public JsonNode call(String method, String path, Map<String, String> params, Idempotency idempotency) {
        Map<String, String> p = params == null ? Map.of() : new LinkedHashMap<>(params);
        String what = method + " " + path.substring("/api2/json".length());
        int attempt = 0;
        while (true) {
            try {
                return limits.withNodeSlot(nodeKey(), () -> once(method, path, p, what));
            } catch (HypervisorException e) {
                boolean retry = idempotency == Idempotency.IDEMPOTENT && e.retryable()
                        && (e.kind() != Kind.TIMEOUT || e.getCause() instanceof HttpTimeoutException)
                        && attempt < config.retryAttempts();
                if (!retry) {
                    throw e;
                }
                long delay = backoffMillis(attempt);
                LOG.log(System.Logger.Level.DEBUG, "{0} on {1} failed ({2}), retry {3} in {4} ms", what, nodeKey(),
                        e.kind(), attempt + 1, delay);
                attempt++;
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Full jitter: uniform in [0, min(cap, base * 2^attempt)], at least 1 ms. */
    long backoffMillis(int attempt) {
        long cap = config.retryMaxDelay().toMillis();
        long exp = config.retryBaseDelay().toMillis() << Math.min(attempt, 20);
        long bound = Math.max(1, Math.min(cap, exp));
        return 1 + ThreadLocalRandom.current().nextLong(bound);
    }

    private JsonNode once(String method, String path, Map<String, String> params, String what) {
        NodeAuthenticator auth = authenticator;
        boolean mutating = !"GET".equals(method);
        AuthState state = auth.authenticate(mutating);
        HttpResponse<String> r = send(request(method, path, params, state), what, method, path);
        if (r.statusCode() == 401 && auth.refreshAfterUnauthorized(state)) {
            LOG.log(System.Logger.Level.DEBUG, "{0} on {1}: 401, logged in again", what, nodeKey());
            state = auth.authenticate(mutating);
            r = send(request(method, path, params, state), what, method, path);
        }
        return handle(r, what);
    }

    private HttpRequest request(String method, String path, Map<String, String> params, AuthState auth) {
        boolean body = "POST".equals(method) || "PUT".equals(method);
        String query = !body && !params.isEmpty() ? "?" + FormEncoding.form(params) : "";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + endpoint.authority() + path + query))
                .timeout(config.requestTimeout())
                .header("Accept", "application/json");
        if (auth != null) {
            auth.headers().forEach(b::header);
        }
        if (body) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(FormEncoding.form(params)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /** One HTTP exchange, timed and reported whatever its outcome. */
    private HttpResponse<String> send(HttpRequest request, String what, String method, String path) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            HttpResponse<String> r = send(request, what);
            int status = r.statusCode();
            outcome = status >= 200 && status < 300 ? "ok" : "http_" + (status / 100) + "xx";
            return r;
        } catch (HypervisorException e) {
            outcome = e.kind().name().toLowerCase(java.util.Locale.ROOT);
            throw e;
        } finally {
            observer.callFinished(endpoint.nodeName(), method, PathTemplate.of(path), outcome,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.log(System.Logger.Level.TRACE, "{0} on {1} -> {2}", what, nodeKey(), r.statusCode());
            return r;
        } catch (HttpConnectTimeoutException e) {
            throw new HypervisorException(Kind.UNREACHABLE, null, 0, what + ": connect to " + nodeKey()
                    + " timed out", e);
        } catch (HttpTimeoutException e) {
            throw new HypervisorException(Kind.TIMEOUT, null, 0, what + ": no answer from " + nodeKey()
                    + " within " + config.requestTimeout(), e);
        } catch (SSLException e) {
            throw tlsFailure(e, what);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw new HypervisorException(Kind.UNREACHABLE, null, 0, what + ": cannot connect to " + nodeKey()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, ConnectException.class)) {
                throw new HypervisorException(Kind.UNREACHABLE, null, 0, what + ": cannot connect to " + nodeKey(), e);
            }
            if (hasCause(e, SSLException.class) || hasCause(e, CertificateException.class)) {
                throw tlsFailure(e, what);
            }
            throw new HypervisorException(Kind.RETRYABLE, null, 0, what + ": I/O error talking to " + nodeKey()
                    + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(Kind.TIMEOUT, null, 0, what + ": interrupted", e);
        }
    }

    private HypervisorException tlsFailure(Exception e, String what) {
        PinMismatchException pin = findCause(e, PinMismatchException.class);
        if (pin != null) {
            return new HypervisorException(Kind.TLS_MISMATCH, null, 0, what + ": node " + nodeKey()
                    + " presented certificate " + pin.actual() + ", pinned is " + pin.expected()
                    + "; an operator must re-pin the node", e);
        }
        if (findCause(e, CertificateException.class) != null) {
            return new HypervisorException(Kind.TLS_MISMATCH, null, 0, what + ": certificate of " + nodeKey()
                    + " is not trusted (" + endpoint.tls().mode() + ")", e);
        }
        return new HypervisorException(Kind.UNREACHABLE, null, 0, what + ": TLS failure with " + nodeKey() + ": "
                + e.getMessage(), e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return findCause(t, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private JsonNode handle(HttpResponse<String> r, String what) {
        int status = r.statusCode();
        JsonNode root = parse(r.body());
        if (status >= 200 && status < 300) {
            if (root == null) {
                throw new HypervisorException(Kind.PROTOCOL, null, status, what + ": answer is not JSON", null);
            }
            JsonNode data = root.get("data");
            return data == null ? NullNode.getInstance() : data;
        }
        String message = null;
        Map<String, String> errors = new LinkedHashMap<>();
        if (root != null) {
            if (root.hasNonNull("message")) {
                message = root.get("message").asText();
            }
            JsonNode errs = root.get("errors");
            if (errs != null && errs.isObject()) {
                errs.fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} on {1} -> HTTP {2}", what, nodeKey(), status);
        throw PveErrorMapper.map(status, message, errors, what);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
