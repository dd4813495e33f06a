package com.pveams.domain.ippool;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolAddressTest {
    private final IpPool pool = new IpPool(7L, 3, "p", com.pveams.domain.network.IpNetwork.containing(ip("10.0.0.1"), 24),
            ip("10.0.0.1"), ip("114.114.114.114"), ip("8.8.8.8"), false);

    private static IpAddress ip(String s) {
        return IpAddress.parse(s, "ip");
    }

    private static AddressEdit status(int status) {
        return new AddressEdit(1, status, null, null, null, null, null, null, null, null);
    }

    private static void refused(String field, Executable e) {
        assertEquals(field, assertThrows(DomainException.class, e).field().orElseThrow());
    }

    @Test
    void aFreeAddressCanBeDisabledAndFreedAgain() {
        PoolAddress a = new PoolAddress(1, 7, ip("10.0.0.5"), AddressStatus.FREE, null);
        a.apply(status(2), pool, "[0].");
        assertEquals(AddressStatus.DISABLED, a.status());
        a.apply(status(0), pool, "[0].");
        assertEquals(AddressStatus.FREE, a.status());
    }

    @Test
    void heldAddressesAndTheGatewayKeepTheirStatus() {
        PoolAddress held = new PoolAddress(1, 7, ip("10.0.0.5"), AddressStatus.USED, 101L);
        refused("[0].status", () -> held.apply(status(0), pool, "[0]."));
        held.apply(new AddressEdit(1, 1, 101L, "10.0.0.5", 7L, 3L, "10.0.0.1", "255.255.255.0", "114.114.114.114", "8.8.8.8"), pool, "[0].");
        PoolAddress free = new PoolAddress(1, 7, ip("10.0.0.5"), AddressStatus.FREE, null);
        refused("[1].status", () -> free.apply(status(1), pool, "[1]."));
        refused("[1].status", () -> free.apply(status(3), pool, "[1]."));
        refused("[1].status", () -> free.apply(status(9), pool, "[1]."));
        PoolAddress gateway = new PoolAddress(1, 7, ip("10.0.0.1"), AddressStatus.GATEWAY, null);
        refused("[0].status", () -> gateway.apply(status(0), pool, "[0]."));
    }

    @Test
    void theWholeRowMayComeBackButOnlyTheStatusChanges() {
        PoolAddress a = new PoolAddress(1, 7, ip("10.0.0.5"), AddressStatus.FREE, null);
        a.apply(new AddressEdit(1, 2, null, "10.0.0.5", 7L, 3L, "10.0.0.1", "255.255.255.0", "114.114.114.114", "8.8.8.8"), pool, "[0].");
        a.apply(new AddressEdit(1, null, 0L, null, null, null, null, null, null, null), pool, "[0].");
        refused("[0].ip", () -> a.apply(new AddressEdit(1, null, null, "10.0.0.6", null, null, null, null, null, null), pool, "[0]."));
        refused("[0].poolId", () -> a.apply(new AddressEdit(1, null, null, null, 8L, null, null, null, null, null), pool, "[0]."));
        refused("[0].nodeId", () -> a.apply(new AddressEdit(1, null, null, null, null, 4L, null, null, null, null), pool, "[0]."));
        refused("[0].gateway", () -> a.apply(new AddressEdit(1, null, null, null, null, null, "10.0.0.254", null, null, null), pool, "[0]."));
        refused("[0].subnetMask", () -> a.apply(new AddressEdit(1, null, null, null, null, null, null, "255.255.0.0", null, null), pool, "[0]."));
        refused("[0].dns1", () -> a.apply(new AddressEdit(1, null, null, null, null, null, null, null, "1.1.1.1", null), pool, "[0]."));
        refused("[0].dns2", () -> a.apply(new AddressEdit(1, null, null, null, null, null, null, null, null, "bad"), pool, "[0]."));
        refused("[0].vmId", () -> a.apply(new AddressEdit(1, null, 101L, null, null, null, null, null, null, null), pool, "[0]."));
    }
}
