package com.pveams.adapters.pve.console;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VncProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against the simulator's {@code vncwebsocket}, with ticket login (the cookie must reach PVE). */
class PveConsoleRelayTest {
    static PveSimulator sim;
    static SimNode node;
    static PveHypervisorAdapter pve;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().nodes("vnc1").start();
        node = sim.node("vnc1");
        pve = new PveHypervisorAdapter(PveClientConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A viewer that keeps what it receives; {@code hold} delays taking frames (back-pressure). */
    static final class Viewer implements ConsoleEnd {
        final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile CompletableFuture<Void> hold = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<Void> send(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            frames.add(b);
            return hold;
        }

        @Override
        public void close(String reason) {
            closed.countDown();
        }

        byte[] next() throws InterruptedException {
            byte[] b = frames.poll(30, TimeUnit.SECONDS);
            assertNotNull(b, "no frame in time");
            return b;
        }
    }

    @Test
    void theRelayAnswersTheTicketChallengeAndPassesRfbThrough() throws Exception {
        NodeEndpoint ep = node.rootEndpoint();
        sim.addVm("vnc1", 4200, "relay", 512, 1, true);
        VncProxy proxy = pve.vncProxy(ep, 4200);
        Viewer viewer = new Viewer();
        CountDownLatch pveClosed = new CountDownLatch(1);
        ConsoleEnd toPve = new PveConsoleRelay(pve, java.time.Duration.ofSeconds(10)).connect(ep, 4200, proxy, viewer, pveClosed::countDown);
        assertEquals("RFB 003.008\n", new String(viewer.next(), StandardCharsets.US_ASCII));
        toPve.send(ByteBuffer.wrap("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII))).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertArrayEquals(new byte[]{1, 1}, viewer.next(), "the viewer is offered None");
        int authenticated = sim.vncAuthenticated();
        toPve.send(ByteBuffer.wrap(new byte[]{1})).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertArrayEquals(new byte[]{0, 0, 0, 0}, viewer.next(), "PVE accepted the ticket");
        assertEquals(authenticated + 1, sim.vncAuthenticated());
        assertEquals(1, sim.vncOpen());
        toPve.close("test done");
        for (int i = 0; i < 3000 && sim.vncOpen() > 0; i++) {
            LockSupport.parkNanos(10_000_000L); // re-check the simulator's count
        }
        assertEquals(0, sim.vncOpen(), "closing the relay closes PVE's side");
        assertEquals("1000 test done", sim.vncCloseReasons().get(sim.vncCloseReasons().size() - 1),
                "with the reason");
    }
}
