package com.pveams.adapters.pve.client;

import com.pveams.adapters.pve.support.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;


import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {


    @Test
    void storageSlotsAreHeldUntilTheTaskEndsOrTheLeaseExpires() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofMillis(100), Duration.ofMinutes(10), clock);
        List<ConcurrencyLimits.Lease> first = limits.acquireStorages(List.of("n/local-lvm"));
        limits.bindToTask("UPID:a", first);
        assertEquals(Kind.TIMEOUT, assertThrows(HypervisorException.class,
                () -> limits.acquireStorages(List.of("n/local-lvm"))).kind());
        limits.taskEnded("UPID:a");
        List<ConcurrencyLimits.Lease> second = limits.acquireStorages(List.of("n/local-lvm"));
        limits.bindToTask("UPID:b", second);
        assertEquals(1, limits.activeStorageLeases("n/local-lvm"));
        clock.now = clock.now.plus(Duration.ofMinutes(11)); // nobody watched UPID:b: the lease expires
        assertEquals(0, limits.activeStorageLeases("n/local-lvm"));
        limits.acquireStorages(List.of("n/local-lvm")).forEach(ConcurrencyLimits.Lease::release);
    }

    @Test
    void multiStorageAcquisitionIsAllOrNothing() {
        ConcurrencyLimits limits = new ConcurrencyLimits(4, 1, Duration.ofMillis(100), Duration.ofMinutes(10),
                Clock.systemUTC());
        List<ConcurrencyLimits.Lease> held = limits.acquireStorages(List.of("n/b"));
        assertThrows(HypervisorException.class, () -> limits.acquireStorages(List.of("n/a", "n/b")));
        assertEquals(0, limits.activeStorageLeases("n/a"), "the slot on 'a' was given back");
        held.forEach(ConcurrencyLimits.Lease::release);
        assertEquals(2, limits.acquireStorages(List.of("n/a", "n/b")).size());
    }

    @Test
    void nodeSlotTimesOutWhenAllAreBusy() throws Exception {
        ConcurrencyLimits limits = new ConcurrencyLimits(1, 1, Duration.ofMillis(100), Duration.ofMinutes(1),
                Clock.systemUTC());
        Thread holder = new Thread(() -> limits.withNodeSlot("n", () -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        Thread.sleep(50);
        assertEquals(Kind.TIMEOUT, assertThrows(HypervisorException.class,
                () -> limits.withNodeSlot("n", () -> "x")).kind());
        holder.join();
        assertEquals("x", limits.withNodeSlot("n", () -> "x"));
    }
}
