package com.pveams.adapters.pve.console;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.client.FormEncoding;
import com.pveams.adapters.pve.tls.TlsContexts;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.out.console.ConsoleRelay;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VncProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PVE's {@code vncwebsocket} through the JDK WebSocket client, with the node's TLS trust (pinned fingerprint or
 * CA) and the same credentials the {@code vncproxy} call used (PVE checks that the ticket's user opens it).
 * PVE's frames are requested one at a time, the next only once the viewer took the previous one. The proxy
 * answers PVE's VNC challenge with the ticket itself ({@link RfbTicketHandshake}).
 */
@ApplicationScoped
public class PveConsoleRelay implements ConsoleRelay {
    private final PveHypervisorAdapter pve;
    private final Duration connectTimeout;

    @Inject
    public PveConsoleRelay(PveHypervisorAdapter pve, Instance<PveClientConfig> config) {
        this(pve, (config.isResolvable() ? config.get() : PveClientConfig.defaults()).connectTimeout());
    }

    public PveConsoleRelay(PveHypervisorAdapter pve, Duration connectTimeout) {
        this.pve = pve;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public ConsoleEnd connect(NodeEndpoint node, int vmid, VncProxy proxy, ConsoleEnd viewer, Runnable onClosed) {
        Map<String, String> auth = pve.connection(node).authenticator().authenticate(false).headers();
        HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.forTrust(node.tls()))
                .connectTimeout(connectTimeout).build();
        URI uri = URI.create("wss://" + node.authority() + "/api2/json/nodes/" + node.nodeName() + "/qemu/" + vmid
                + "/vncwebsocket?port=" + proxy.port() + "&vncticket=" + FormEncoding.encode(proxy.ticket()));
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        auth.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("CSRFPreventionToken")) {
                b.header(k, v);
            }
        });
        RfbTicketHandshake handshake = new RfbTicketHandshake(proxy.ticket());
        ToPve toPve = new ToPve(handshake, viewer);
        FromPve listener = new FromPve(handshake, viewer, toPve, onClosed);
        try {
            toPve.ws = b.buildAsync(uri, listener).get(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            toPve.opened.complete(null);
            return toPve;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(Kind.UNREACHABLE, "interrupted while opening the console");
        } catch (TimeoutException e) {
            throw new HypervisorException(Kind.TIMEOUT, "vncwebsocket did not open in time");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            int status = c instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : 0;
            Kind kind = c instanceof SSLHandshakeException ? Kind.TLS_MISMATCH
                    : status == 401 ? Kind.AUTH : status != 0 ? Kind.PERMISSION : Kind.UNREACHABLE;
            throw new HypervisorException(kind, null, status, "vncwebsocket refused: "
                    + (status != 0 ? "HTTP " + status + " " + ((WebSocketHandshakeException) c).getResponse().body()
                    : c.getClass().getSimpleName()), null);
        }
    }

    /** PVE's frames to the viewer, one outstanding at a time. */
    private static final class FromPve implements WebSocket.Listener {
        private final RfbTicketHandshake handshake;
        private final ConsoleEnd viewer;
        private final ToPve toPve;
        private final Runnable onClosed;
        private final AtomicBoolean ended = new AtomicBoolean();

        FromPve(RfbTicketHandshake handshake, ConsoleEnd viewer, ToPve toPve, Runnable onClosed) {
            this.handshake = handshake;
            this.viewer = viewer;
            this.toPve = toPve;
            this.onClosed = onClosed;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            CompletionStage<Void> delivered;
            try {
                RfbTicketHandshake.Out out = handshake.fromPve(bytes);
                if (out.toPve().length > 0) {
                    toPve.raw(out.toPve());
                }
                delivered = out.toViewer().length > 0 ? viewer.send(ByteBuffer.wrap(out.toViewer()))
                        : CompletableFuture.completedFuture(null);
            } catch (IllegalStateException e) {
                end();
                return null;
            }
            return delivered.whenComplete((v, e) -> {
                if (e == null) {
                    ws.request(1);
                } else {
                    end();
                }
            });
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end();
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                onClosed.run();
            }
        }
    }

    /** The viewer's frames to PVE, chained so that at most one send is outstanding (the JDK client's rule). */
    private static final class ToPve implements ConsoleEnd {
        private final RfbTicketHandshake handshake;
        private final ConsoleEnd viewer;
        private final CompletableFuture<Void> opened = new CompletableFuture<>();
        private volatile WebSocket ws;
        private CompletableFuture<?> last = opened;

        ToPve(RfbTicketHandshake handshake, ConsoleEnd viewer) {
            this.handshake = handshake;
            this.viewer = viewer;
        }

        @Override
        public CompletionStage<Void> send(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            RfbTicketHandshake.Out out;
            try {
                out = handshake.fromViewer(bytes);
            } catch (IllegalStateException e) {
                close(e.getMessage());
                return CompletableFuture.failedFuture(e);
            }
            CompletionStage<Void> toViewer = out.toViewer().length > 0 ? viewer.send(ByteBuffer.wrap(out.toViewer()))
                    : CompletableFuture.completedFuture(null);
            CompletionStage<Void> sent = out.toPve().length > 0 ? raw(out.toPve())
                    : CompletableFuture.completedFuture(null);
            return sent.thenCombine(toViewer, (a, b) -> null);
        }

        /** Bytes to PVE as they are, after every earlier send. */
        synchronized CompletionStage<Void> raw(byte[] bytes) {
            CompletableFuture<WebSocket> next = last.thenCompose(x -> ws.sendBinary(ByteBuffer.wrap(bytes), true));
            last = next;
            return next.thenApply(x -> null);
        }

        private static String closeReason(String reason) {
            String ascii = reason == null ? "" : reason.replaceAll("[^\\x20-\\x7e]", "?");
            return ascii.length() > 100 ? ascii.substring(0, 100) : ascii;
        }

        @Override
        public void close(String reason) {
            if (ws == null) {
                return;
            }
            if (!ws.isOutputClosed()) {
                // the reason (why the console ended) shows in PVE's side too; a close reason is at most 123 bytes
                ws.sendClose(WebSocket.NORMAL_CLOSURE, closeReason(reason)).whenComplete((x, e) -> ws.abort());
            } else {
                ws.abort();
            }
        }
    }
}
