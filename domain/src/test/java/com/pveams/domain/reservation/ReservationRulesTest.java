package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.network.IpNetwork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservationRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static IpAddress ip(String s) {
        return IpAddress.parse(s, "ip");
    }

    private static void refused(ErrorCode code, String field, Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(code, e.code());
        assertEquals(Optional.of(field), e.field());
    }

    @Test
    void vmidsStayInPveRangeAndHintsOnlyStartTheSearch() {
        assertEquals(100, Vmid.fromHint(null).value());
        assertEquals(100, Vmid.fromHint(7L).value());
        assertEquals(4321, Vmid.fromHint(4321L).value());
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> Vmid.fromHint(1_000_000_000L));
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> new Vmid(99));
        assertEquals(Optional.of(new Vmid(101)), new Vmid(100).next());
        assertEquals(Optional.empty(), new Vmid(Vmid.MAX).next());
    }

    @Test
    void unboundReservationsExpireAfterTheirHoldBoundOnesNever() {
        VmidReservation r = new VmidReservation(1, 10, new Vmid(100), null, VmidReservation.holdFrom(NOW));
        assertFalse(r.expired(NOW));
        assertTrue(r.expired(NOW.plus(VmidReservation.HOLD)));
        VmidReservation bound = new VmidReservation(1, 10, new Vmid(100), 5L, NOW);
        assertFalse(bound.expired(NOW.plusSeconds(86_400)));
        assertTrue(r.conflictHoldFrom(NOW).isAfter(VmidReservation.holdFrom(NOW)));
    }

    @Test
    void aReservationBindsOnlyItsOwnVmOnItsNodeWithItsVmid() {
        VmidReservation r = new VmidReservation(1, 10, new Vmid(100), null, NOW);
        r.requireBindable(5, 10, 100);
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> r.requireBindable(5, 11, 100));
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> r.requireBindable(5, 10, 101));
        VmidReservation bound = new VmidReservation(1, 10, new Vmid(100), 5L, NOW);
        bound.requireBindable(5, 10, 100);
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> bound.requireBindable(6, 10, 100));
    }

    @Test
    void addressCountsFollowTheLegacyDefaults() {
        AddressRequest none = AddressRequest.of(null, null, List.of(), false, null);
        assertEquals(1, none.ipv4Count());
        assertEquals(0, none.ipv6Count());
        AddressRequest named = AddressRequest.of(null, null, List.of(ip("10.0.0.5"), ip("10.0.0.6"), ip("2001:db8::9")), false, 0L);
        assertEquals(2, named.ipv4Count());
        assertEquals(1, named.ipv6Count());
        assertEquals(0, named.automaticIpv4());
        assertEquals(null, named.poolId(), "0 means any pool, as the legacy forms send it");
        AddressRequest v6only = AddressRequest.of(0, 2, List.of(), false, null);
        assertEquals(2, v6only.automaticIpv6());
    }

    @Test
    void addressRequestsTheLegacyRefusesAreRefusedWithTheirField() {
        refused(ErrorCode.INVALID_PARAM, "ipv4num", () -> AddressRequest.of(-1, null, List.of(), false, null));
        refused(ErrorCode.INVALID_PARAM, "ipv6num", () -> AddressRequest.of(null, -1, List.of(), false, null));
        refused(ErrorCode.INVALID_PARAM, "ipv4num", () -> AddressRequest.of(0, 0, List.of(), false, null));
        refused(ErrorCode.INVALID_PARAM, "ipv4num", () -> AddressRequest.of(1, null, List.of(ip("10.0.0.5"), ip("10.0.0.6")), false, null));
        refused(ErrorCode.INVALID_PARAM, "ipv6num", () -> AddressRequest.of(1, 0, List.of(ip("2001:db8::9")), false, null));
        refused(ErrorCode.INVALID_PARAM, "ifnat", () -> AddressRequest.of(0, 1, List.of(), true, null));
        refused(ErrorCode.INVALID_PARAM, "ipConfig", () -> AddressRequest.of(null, null, List.of(ip("10.0.0.5"), ip("10.0.0.5")), false, null));
        refused(ErrorCode.INVALID_PARAM, "ipv4num", () -> AddressRequest.of(AddressRequest.MAX_PER_FAMILY + 1, null, List.of(), false, null));
    }

    @Test
    void aRequestedAddressMustBeAFreeRowOfTheRightPool() {
        AddressRequest pub = AddressRequest.of(null, null, List.of(ip("10.0.0.5")), false, null);
        ListedAddress free = new ListedAddress(1, 7, ip("10.0.0.5"), AddressStatus.FREE, false);
        assertSame(free, ListedAddress.requireClaimable(ip("10.0.0.5"), Optional.of(free), pub));
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> ListedAddress.requireClaimable(ip("10.0.0.5"), Optional.empty(), pub));
        for (AddressStatus s : List.of(AddressStatus.USED, AddressStatus.DISABLED, AddressStatus.GATEWAY)) {
            refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> ListedAddress.requireClaimable(ip("10.0.0.5"),
                    Optional.of(new ListedAddress(1, 7, ip("10.0.0.5"), s, false)), pub));
        }
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> ListedAddress.requireClaimable(ip("10.0.0.5"),
                Optional.of(new ListedAddress(1, 7, ip("10.0.0.5"), AddressStatus.FREE, true)), pub));
        AddressRequest otherPool = AddressRequest.of(null, null, List.of(ip("10.0.0.5")), false, 8L);
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> ListedAddress.requireClaimable(ip("10.0.0.5"), Optional.of(free), otherPool));
    }

    @Test
    void ipv6AddressesAreSequentialFromTheHundredthOfThePrefixSkippingTheGateway() {
        IpPool pool = new IpPool(3L, 10, "v6", IpNetwork.containing(ip("2001:db8::1"), 64), ip("2001:db8::1"), null, null, false);
        assertEquals(ip("2001:db8::100"), Ipv6Materialisation.firstCandidate(pool));
        IpPool gwAt100 = new IpPool(3L, 10, "v6", IpNetwork.containing(ip("2001:db8::100"), 64), ip("2001:db8::100"), null, null, false);
        assertEquals(Optional.of(ip("2001:db8::101")), Ipv6Materialisation.usable(gwAt100, ip("2001:db8::100")));
        IpPool tiny = new IpPool(3L, 10, "v6", IpNetwork.containing(ip("2001:db8::1"), 126), ip("2001:db8::1"), null, null, false);
        assertEquals(ip("2001:db8::1"), Ipv6Materialisation.firstCandidate(tiny));
        assertEquals(Optional.empty(), Ipv6Materialisation.usable(tiny, ip("2001:db8::4")), "past the prefix: exhausted");
        refused(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", () -> Ipv6Materialisation.requireRequestable(pool, ip("2001:db8::1")));
        refused(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", () -> Ipv6Materialisation.requireRequestable(pool, ip("2001:db9::5")));
        Ipv6Materialisation.requireRequestable(pool, ip("2001:db8::5"));
    }

    @Test
    void allocatedAddressesRenderTheirIpConfigItem() {
        assertEquals("ip=10.0.0.5/24,gw=10.0.0.1", new AllocatedAddress(1, 2, ip("10.0.0.5"), 24, ip("10.0.0.1")).ipConfigItem());
        assertEquals("ip6=2001:db8::100/64,gw6=2001:db8::1",
                new AllocatedAddress(1, 2, ip("2001:db8::100"), 64, ip("2001:db8::1")).ipConfigItem());
    }

    @Test
    void hostnamesAreDnsNamesComparedWithoutCase() {
        assertEquals("web-1.example.com", VmHostname.of(" web-1.example.com ").value());
        assertEquals("web-1", VmHostname.of("Web-1").key());
        refused(ErrorCode.HOSTNAME_NOT_CHINESE, "hostname", () -> VmHostname.of("主机1"));
        refused(ErrorCode.VALID_DATA_ERROR, "hostname", () -> VmHostname.of("web_1"));
        refused(ErrorCode.VALID_DATA_ERROR, "hostname", () -> VmHostname.of("-web"));
        refused(ErrorCode.VALID_DATA_ERROR, "hostname", () -> VmHostname.of("a,b=c"));
        refused(ErrorCode.VALID_DATA_ERROR, "hostname", () -> VmHostname.of(null));
        assertEquals(ErrorCode.HOSTNAME_IS_EXIST, VmHostname.taken(VmHostname.of("web")).code());
    }

    @Test
    void idempotencyKeysAreScopedToTheCallerAndStoredAsAHash() {
        IdempotencyKey a = IdempotencyKey.of("api:app1", "order-42");
        assertEquals(a, IdempotencyKey.of("api:app1", "order-42"));
        assertNotEquals(a, IdempotencyKey.of("api:app2", "order-42"));
        assertEquals(64, a.stored().length());
        assertFalse(a.stored().contains("order"));
        refused(ErrorCode.VALID_DATA_ERROR, IdempotencyKey.FIELD, () -> IdempotencyKey.of("api:app1", ""));
        refused(ErrorCode.VALID_DATA_ERROR, IdempotencyKey.FIELD, () -> IdempotencyKey.of("api:app1", "a b"));
        refused(ErrorCode.VALID_DATA_ERROR, IdempotencyKey.FIELD, () -> IdempotencyKey.of("api:app1", "x".repeat(129)));
    }
}
