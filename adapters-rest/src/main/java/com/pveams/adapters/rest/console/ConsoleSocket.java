package com.pveams.adapters.rest.console;

import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.in.console.OpenConsoleUseCase;
import com.pveams.application.port.in.console.OpenConsoleUseCase.OpenConsole;
import com.pveams.application.port.in.console.OpenConsoleUseCase.Opened;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The console proxy's WebSocket, {@code /console/websockify?hostId=…&token=…}, on the Vert.x router rather than
 * WebSockets Next: the relay needs to pause reading the viewer while PVE's side has a frame outstanding, and
 * WebSockets Next (3.33) queues incoming messages without pausing the socket.
 *
 * <p>After the upgrade the token is claimed and PVE connected on a worker thread. A refusal closes with 1008 and
 * the legacy code as reason. On success binary RFB frames are relayed both ways; PVE's VNC authentication is
 * answered by the proxy, so the viewer sees security type "None" and needs no password.
 */
@ApplicationScoped
public class ConsoleSocket {
    public static final String PATH = "/console/websockify";
    static final short REFUSED = 1008;
    private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);

    @Inject
    OpenConsoleUseCase consoles;

    void register(@Observes Router router) {
        router.route(PATH).order(-10).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        String hostId = ctx.request().getParam("hostId");
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        ctx.request().toWebSocket().onFailure(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).end();
            }
        }).onSuccess(ws -> {
            ws.pause();
            Vertx vertx = ctx.vertx();
            Context context = vertx.getOrCreateContext();
            ViewerEnd viewer = new ViewerEnd(ws, context);
            vertx.<Opened>executeBlocking(() -> consoles.open(new OpenConsole(id(hostId), token, address), viewer),
                    false).onComplete(ar -> {
                if (ar.failed()) {
                    refuse(ws, ar.cause());
                } else {
                    relay(ws, viewer, ar.result(), vertx);
                }
            });
        });
    }

    private static long id(String raw) {
        try {
            return raw == null ? -1 : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(ServerWebSocket ws, Throwable cause) {
        int code = cause instanceof DomainException d ? d.code().code() : ErrorCode.ERROR.code();
        if (!(cause instanceof DomainException)) {
            LOG.warn("console open failed", cause);
        }
        ws.close(REFUSED, Integer.toString(code));
    }

    private static void relay(ServerWebSocket ws, ViewerEnd viewer, Opened opened, Vertx vertx) {
        ConsoleEnd pve = opened.pve();
        ws.binaryMessageHandler(buf -> {
            CompletableFuture<Void> sent = pve.send(ByteBuffer.wrap(buf.getBytes())).toCompletableFuture();
            if (!sent.isDone()) {
                ws.pause();
                sent.whenComplete((v, e) -> viewer.context.runOnContext(x -> ws.resume()));
            }
        });
        // closing writes the session's end and the audit row: not on the event loop
        ws.closeHandler(v -> closeOffLoop(vertx, pve, "closed by the viewer"));
        ws.exceptionHandler(e -> closeOffLoop(vertx, pve, "viewer connection failed"));
        if (ws.isClosed()) {
            closeOffLoop(vertx, pve, "closed by the viewer");
        }
        ws.resume();
    }

    private static void closeOffLoop(Vertx vertx, ConsoleEnd pve, String reason) {
        vertx.executeBlocking(() -> {
            pve.close(reason);
            return null;
        }, false);
    }

    /** The viewer's socket as the relay sees it: each send completes once the write queue has room again. */
    private static final class ViewerEnd implements ConsoleEnd {
        private final ServerWebSocket ws;
        private final Context context;

        ViewerEnd(ServerWebSocket ws, Context context) {
            this.ws = ws;
            this.context = context;
        }

        @Override
        public CompletionStage<Void> send(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            CompletableFuture<Void> written = new CompletableFuture<>();
            context.runOnContext(v -> {
                if (ws.isClosed()) {
                    written.completeExceptionally(new IllegalStateException("viewer closed"));
                    return;
                }
                ws.writeBinaryMessage(Buffer.buffer(bytes));
                if (ws.writeQueueFull()) {
                    ws.drainHandler(d -> written.complete(null));
                } else {
                    written.complete(null);
                }
            });
            return written;
        }

        @Override
        public void close(String reason) {
            context.runOnContext(v -> {
                if (!ws.isClosed()) {
                    ws.close((short) 1000, reason.length() > 100 ? reason.substring(0, 100) : reason);
                }
            });
        }
    }
}
