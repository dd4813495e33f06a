package com.pveams.adapters.rest.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} answered with the legacy envelope
 * ({@link Refusals#bodyTooLarge}, HTTP 200) instead of the bare 413 Quarkus sends before Quarkus REST runs.
 * <p>
 * Runs on the Vert.x router ahead of Quarkus' own check: a declared Content-Length over the limit is refused at
 * once (before any body is read, so {@code Expect: 100-continue} clients never send it); a body without one
 * (chunked) is read here up to the limit, and Quarkus REST takes it from the routing context. A client that sends
 * its whole body before reading would lose the answer if the connection closed under it, so the rest of the body
 * is read and discarded, as nginx's lingering close does, until it ends or {@link #LINGER} passes.
 */
@ApplicationScoped
public class BodyLimitRefusal {
    private static final Logger LOG = Logger.getLogger(BodyLimitRefusal.class);
    static final Duration LINGER = Duration.ofSeconds(30);
    /** Before Quarkus' own Content-Length check (order -2), after its filters such as CORS. */
    static final int ORDER = -3;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
        router.route().order(ORDER).handler(ctx -> check(ctx, limit, reader));
        router.route().order(ORDER).failureHandler(this::failed);
    }

    private void check(RoutingContext ctx, long limit, BodyHandler reader) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            if (parsedLength(declared) > limit) {
                // A client that asked "Expect: 100-continue" and gets a final answer instead sends no body.
                refuse(ctx, !"100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT)));
            } else {
                ctx.next();
            }
            return;
        }
        if (!WITH_BODY.contains(request.method()) || request.isEnded()) {
            ctx.next();
            return;
        }
        // No declared length: read the body here; past the limit the reader fails the context with 413.
        request.resume();
        reader.handle(ctx);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            refuse(ctx, true);
        } else {
            ctx.next();
        }
    }

    private void refuse(RoutingContext ctx, boolean bodyComing) {
        HttpServerRequest request = ctx.request();
        boolean english = Language.prefersEnglish(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        var refusal = Refusals.bodyTooLarge(maxBodySize.map(MemorySize::asLongValue).orElse(0L));
        String body;
        try {
            body = json.writeValueAsString(Envelope.of(refusal.code(), refusal.render(english)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The envelope always serialises", e);
        }
        String requestId = RequestIdFilter.requestId(request.getHeader(RequestIdFilter.HEADER));
        LOG.debugf("Refused a request body over the limit (request %s, %s %s)", requestId, request.method(), request.path());
        HttpServerResponse response = ctx.response();
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIdFilter.HEADER, requestId)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body)
                .onComplete(written -> {
                    if (bodyComing) {
                        closeWhenDrained(ctx, request);
                    } else {
                        request.connection().close();
                    }
                });
    }

    private static void closeWhenDrained(RoutingContext ctx, HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long timer = ctx.vertx().setTimer(LINGER.toMillis(), id -> request.connection().close());
        request.handler(discarded -> { });
        request.endHandler(end -> {
            ctx.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }

    private static long parsedLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // Netty already refuses unreadable lengths; treat anything else as over the limit.
            return Long.MAX_VALUE;
        }
    }
}
