package com.pveams.adapters.pve.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.support.Eventually;
import com.pveams.adapters.pve.support.MutableClock;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queue behaviour without timing assumptions: a slot is held by a latch for as long as the test wants, a queue timeout
 * is only ever expected when the slot cannot come free, and lease expiry is driven by a hand-moved clock.
 */
class ConcurrencyLimitsTest {

    static final long GENEROUS_SECONDS = Eventually.GENEROUS.toSeconds();
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void storageSlotsAreHeldUntilTheTaskEndsOrTheLeaseExpires() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofMillis(100), Duration.ofMinutes(10), clock);
        List<ConcurrencyLimits.Lease> first = limits.acquireStorages(List.of("n/local-lvm"));
        limits.bindToTask("UPID:a", first);
        // the clock does not move, so the lease cannot lapse: the queue timeout is the only way out
        assertEquals(Kind.TIMEOUT, assertThrows(HypervisorException.class,
                () -> limits.acquireStorages(List.of("n/local-lvm"))).kind());
        limits.taskEnded("UPID:a");
        List<ConcurrencyLimits.Lease> second = limits.acquireStorages(List.of("n/local-lvm"));
        limits.bindToTask("UPID:b", second);
        assertEquals(1, limits.activeStorageLeases("n/local-lvm"));
        clock.advance(Duration.ofMinutes(11)); // nobody watched UPID:b: the lease expires
        assertEquals(0, limits.activeStorageLeases("n/local-lvm"));
        limits.acquireStorages(List.of("n/local-lvm")).forEach(ConcurrencyLimits.Lease::release);
    }

    @Test
    void aWaitingCallerAsksWhetherTheHoldingTaskEndedAndTakesItsSlot() throws Exception {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofHours(1), Duration.ofMinutes(30), clock);
        limits.bindToTask("UPID:done-unseen", limits.acquireStorages(List.of("n/local-lvm")));
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CompletableFuture<List<ConcurrencyLimits.Lease>> queued = CompletableFuture.supplyAsync(
                () -> limits.acquireStorages(List.of("n/local-lvm"), upid -> {
                    asked.add(upid);
                    return ended.getCount() == 0;
                }), threads);
        Eventually.awaitTrue(() -> asked.contains("UPID:done-unseen"), "the waiting caller asks about the task");
        assertTrue(!queued.isDone(), "held while the task runs");

        // nobody calls taskEnded: the task's end is found by the waiting caller itself
        ended.countDown();
        assertEquals(1, queued.get(GENEROUS_SECONDS, TimeUnit.SECONDS).size());
        assertEquals(1, limits.activeStorageLeases("n/local-lvm"));
    }

    @Test
    void aLapsedLeaseLetsTheQueuedCallerIn() throws Exception {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofHours(1), Duration.ofMinutes(30), clock);
        limits.bindToTask("UPID:unwatched", limits.acquireStorages(List.of("n/local-lvm")));
        CompletableFuture<List<ConcurrencyLimits.Lease>> queued =
                CompletableFuture.supplyAsync(() -> limits.acquireStorages(List.of("n/local-lvm")), threads);
        Eventually.awaitTrue(() -> limits.queuedForStorage("n/local-lvm") == 1, "the second caller queues");
        assertTrue(!queued.isDone(), "a storage slot is held while its task may still run");

        clock.advance(Duration.ofMinutes(31));
        List<ConcurrencyLimits.Lease> got = queued.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        assertEquals(1, limits.activeStorageLeases("n/local-lvm"), "only the new lease; the lapsed one is gone");
        assertEquals(0, limits.queuedForStorage("n/local-lvm"));
    }

    @Test
    void multiStorageAcquisitionIsAllOrNothing() {
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofMillis(100), Duration.ofMinutes(10),
                new MutableClock(Instant.EPOCH));
        List<ConcurrencyLimits.Lease> held = limits.acquireStorages(List.of("n/b"));
        assertThrows(HypervisorException.class, () -> limits.acquireStorages(List.of("n/a", "n/b")));
        assertEquals(0, limits.activeStorageLeases("n/a"), "the slot on 'a' was given back");
        held.forEach(ConcurrencyLimits.Lease::release);
        assertEquals(2, limits.acquireStorages(List.of("n/a", "n/b")).size());
    }

    @Test
    void nodeSlotTimesOutWhileAllAreBusyAndIsFreeAfterwards() throws Exception {
        ConcurrencyLimits limits = new ConcurrencyLimits(1, 1, Duration.ofMillis(100), Duration.ofMinutes(1),
                new MutableClock(Instant.EPOCH));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> limits.withNodeSlot("n", () -> {
            holding.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }), threads);
        assertTrue(holding.await(GENEROUS_SECONDS, TimeUnit.SECONDS), "the holder got the only slot");
        // the slot stays taken until the latch opens, so this wait can only end by the queue timeout
        HypervisorException e = assertThrows(HypervisorException.class, () -> limits.withNodeSlot("n", () -> "x"));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("no free request slot"), e.getMessage());

        finish.countDown();
        assertEquals("held", holder.get(GENEROUS_SECONDS, TimeUnit.SECONDS));
        assertEquals("x", limits.withNodeSlot("n", () -> "x"));
    }
}
