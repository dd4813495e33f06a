package com.pveams.bootstrap.reservation;

import com.pveams.application.port.in.reservation.AddressAllocation;
import com.pveams.application.port.in.reservation.AddressAllocation.AllocateAddresses;
import com.pveams.application.port.in.reservation.CreateClaims;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.in.reservation.VmidReservations.Reservation;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.reservation.AllocatedAddress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reservations (issue 8 item 5) with the real wiring on the embedded database, concurrency included. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReservationsTest {
    @Inject
    VmidReservations vmids;
    @Inject
    AddressAllocation addresses;
    @Inject
    CreateClaims claims;
    @Inject
    EntityManager em;
    @Inject
    DataSource ds;

    private InventoryRows rows;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        rows = new InventoryRows(ds);
        // fewer threads than the datasource's 20 connections, so no task times out waiting for one
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private long clusterNode(String cluster) {
        long id = rows.node(null);
        rows.execute("UPDATE node SET pve_cluster = ? WHERE id = ?", cluster, id);
        return id;
    }

    /** An IPv4 pool of the node listing {@code count} addresses from .10 of a fresh /24 (gateway .1). */
    private long ipv4Pool(long node, int count, boolean nat) {
        String net = "10." + (AtomicCounter.NEXT.incrementAndGet() % 250) + "." + (AtomicCounter.NEXT.incrementAndGet() % 250) + ".";
        long poolId = rows.count("INSERT INTO ip_pool (node_id, name, prefix_length, gateway, dns1, nat)"
                + " VALUES (?, ?, 24, CAST(? AS inet), CAST('1.1.1.1' AS inet), ?) RETURNING id",
                node, InventoryRows.unique("pool"), net + "1", nat);
        rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(0, ?) g", poolId, node, net + "10", count - 1);
        return poolId;
    }

    private long ipv6Pool(long node) {
        return rows.count("INSERT INTO ip_pool (node_id, name, ip_version, prefix_length, gateway, dns1)"
                + " VALUES (?, ?, 6, 64, CAST('2001:db8::1' AS inet), CAST('2001:4860:4860::8888' AS inet)) RETURNING id",
                node, InventoryRows.unique("v6"));
    }

    private static final class AtomicCounter {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    private static final AtomicInteger VMIDS = new AtomicInteger(200_000);

    private long vm(long node) {
        return rows.vm(node, VMIDS.incrementAndGet());
    }

    private long held(long poolId) {
        return rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND status = 1 AND vm_id IS NOT NULL", poolId);
    }

    private static DomainException refused(ErrorCode code, String field, Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(code, e.code(), e.render(true));
        assertEquals(Optional.of(field), e.field());
        return e;
    }

    private <T> List<Future<T>> race(int n, Callable<T> task) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        return futures;
    }

    // ---------------------------------------------------------------------------------------------- VMIDs

    @Test
    void theVmidSpaceOfANodeIsTheDomainsRule() {
        long solo = rows.node(null);
        long member = clusterNode("space-a");
        String host = rows.text("SELECT host FROM node WHERE id = ?", solo);
        assertEquals("node:" + host + ":8006/pve", rows.text("SELECT vmid_space FROM node WHERE id = ?", solo));
        assertEquals("cluster:space-a", rows.text("SELECT vmid_space FROM node WHERE id = ?", member));
    }

    @Test
    void nodesOfOneClusterNeverGetTheSameVmidConcurrently() throws Exception {
        String cluster = InventoryRows.unique("c");
        long a = clusterNode(cluster);
        long b = clusterNode(cluster);
        AtomicInteger i = new AtomicInteger();
        List<Future<Reservation>> got = race(40, () -> vmids.reserve(i.incrementAndGet() % 2 == 0 ? a : b, 100L));
        Set<Integer> distinct = new HashSet<>();
        for (Future<Reservation> f : got) {
            assertTrue(distinct.add(f.get().vmid()), "VMID handed out twice: " + f.get().vmid());
        }
        assertEquals(40, distinct.size());
        assertEquals(100, distinct.stream().mapToInt(Integer::intValue).min().orElseThrow());
        assertEquals(139, distinct.stream().mapToInt(Integer::intValue).max().orElseThrow(), "the lowest free ids, no gaps");
        assertEquals(40, rows.count("SELECT count(*) FROM vmid_reservation WHERE vmid_space = ?", "cluster:" + cluster));
    }

    @Test
    void standAloneNodesHaveTheirOwnVmidSpaces() {
        long a = rows.node(null);
        long b = rows.node(null);
        assertEquals(5000, vmids.reserve(a, 5000L).vmid());
        assertEquals(5000, vmids.reserve(b, 5000L).vmid());
        assertEquals(5001, vmids.reserve(a, 5000L).vmid());
    }

    @Test
    void vmRowsOfTheSpaceAreSkippedEvenWithoutAReservation() {
        String cluster = InventoryRows.unique("c");
        long a = clusterNode(cluster);
        long b = clusterNode(cluster);
        rows.vm(a, 700);
        rows.vm(b, 701);
        assertEquals(702, vmids.reserve(b, 700L).vmid());
    }

    @Test
    void anExpiredUnboundReservationIsTakenOverUnderANewId() {
        long node = rows.node(null);
        Reservation first = vmids.reserve(node, 300L);
        assertEquals(301, vmids.reserve(node, 300L).vmid(), "held while its hold lasts");
        rows.execute("UPDATE vmid_reservation SET created_at = created_at - interval '1 hour',"
                + " reserved_until = created_at - interval '1 hour' + interval '1 second' WHERE id = ?", first.id());
        Reservation again = vmids.reserve(node, 300L);
        assertEquals(300, again.vmid());
        assertNotEquals(first.id(), again.id());
        long vm = rows.vm(node, 300);
        // the create that let it expire has lost it: it can neither bind nor release the new holder's
        refused(ErrorCode.VALID_DATA_ERROR, "reservationId", () -> QuarkusTransaction.requiringNew().run(() -> vmids.bind(first.id(), vm)));
        vmids.release(first.id());
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ?", again.id()));
    }

    @Test
    void aBoundReservationLivesWithItsVmAndAReleasedOneIsFreeAgain() {
        long node = rows.node(null);
        Reservation r = vmids.reserve(node, 400L);
        long vm = rows.vm(node, 400);
        QuarkusTransaction.requiringNew().run(() -> vmids.bind(r.id(), vm));
        assertEquals(vm, rows.count("SELECT vm_id FROM vmid_reservation WHERE id = ?", r.id()));
        rows.execute("UPDATE vmid_reservation SET created_at = created_at - interval '2 hours',"
                + " reserved_until = created_at - interval '2 hours' + interval '1 second' WHERE id = ?", r.id());
        Reservation next = vmids.reserve(node, 400L);
        assertEquals(401, next.vmid(), "bound: never expires");
        long other = rows.vm(node, 555);
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> QuarkusTransaction.requiringNew().run(() -> vmids.bind(next.id(), other)));
        vmids.release(next.id());
        assertEquals(401, vmids.reserve(node, 400L).vmid(), "released: free again");
    }

    @Test
    void aVmidPveReportsAsExistingIsHeldAndTheNextOneReserved() {
        long node = rows.node(null);
        Reservation r = vmids.reserve(node, 800L);
        Reservation next = vmids.reserveNextAfterConflict(r.id());
        assertEquals(801, next.vmid());
        assertTrue(rows.value("SELECT pve_conflict FROM vmid_reservation WHERE id = ?", r.id()).equals(Boolean.TRUE));
        assertEquals(802, vmids.reserve(node, 800L).vmid());
    }

    @Test
    void reservationRefusals() {
        refused(ErrorCode.NODE_NOT_EXIST, "nodeId", () -> vmids.reserve(987_654_321L, null));
        refused(ErrorCode.VALID_DATA_ERROR, "vmid", () -> vmids.reserve(rows.node(null), 1_000_000_000L));
    }

    // ---------------------------------------------------------------------------------------------- IPv4

    @Test
    void hundredConcurrentAllocationsGetHundredDistinctAddresses() throws Exception {
        long node = rows.node(null);
        long poolId = ipv4Pool(node, 120, false);
        List<Long> vms = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            vms.add(vm(node));
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<List<AllocatedAddress>>> got = race(100, () -> {
            long vm = vms.get(next.getAndIncrement());
            return QuarkusTransaction.requiringNew().call(() ->
                    addresses.allocate(AllocateAddresses.of(node, vm, null, null, null, false, null)));
        });
        Set<String> distinct = new HashSet<>();
        for (Future<List<AllocatedAddress>> f : got) {
            List<AllocatedAddress> a = f.get();
            assertEquals(1, a.size());
            assertTrue(distinct.add(a.get(0).address().toString()));
            assertTrue(a.get(0).ipConfigItem().matches("ip=10\\.\\d+\\.\\d+\\.\\d+/24,gw=10\\.\\d+\\.\\d+\\.1"), a.get(0).ipConfigItem());
        }
        assertEquals(100, held(poolId));
        assertEquals(100, rows.count("SELECT count(DISTINCT vm_id) FROM ip_address WHERE pool_id = ? AND vm_delete_state = 0", poolId));
    }

    @Test
    void aPoolTooSmallAnswers1004AndFailuresHoldNothing() throws Exception {
        long node = rows.node(null);
        long poolId = ipv4Pool(node, 30, false);
        List<Long> vms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vms.add(vm(node));
        }
        AtomicInteger next = new AtomicInteger();
        // two addresses each: 15 creates fit, the rest must fail cleanly and leave nothing behind
        List<Future<Integer>> got = race(40, () -> {
            long vm = vms.get(next.getAndIncrement());
            try {
                return QuarkusTransaction.requiringNew().call(() ->
                        addresses.allocate(AllocateAddresses.of(node, vm, 2, null, null, false, null))).size();
            } catch (DomainException e) {
                assertEquals(ErrorCode.NO_AVAILABLE_IPV4, e.code());
                assertEquals(Optional.of("ipv4num"), e.field());
                return 0;
            }
        });
        int ok = 0;
        for (Future<Integer> f : got) {
            ok += f.get() == 2 ? 1 : 0;
        }
        assertEquals(15, ok);
        assertEquals(30, held(poolId));
        assertEquals(15, rows.count("SELECT count(DISTINCT vm_id) FROM ip_address WHERE pool_id = ?", poolId));
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address a WHERE pool_id = ? AND vm_id IS NOT NULL"
                + " AND (SELECT count(*) FROM ip_address b WHERE b.vm_id = a.vm_id) <> 2", poolId), "no half allocations");
    }

    @Test
    void aRolledBackCreateReleasesItsAddressesAndReleaseAllFreesThem() {
        long node = rows.node(null);
        long poolId = ipv4Pool(node, 5, false);
        long v6 = ipv6Pool(node);
        long vm = vm(node);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            addresses.allocate(AllocateAddresses.of(node, vm, 2, 1, null, false, null));
            throw new IllegalStateException("PVE said no");
        }));
        assertEquals(0, held(poolId));
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ?", v6));
        QuarkusTransaction.requiringNew().run(() -> addresses.allocate(AllocateAddresses.of(node, vm, 2, 1, null, false, null)));
        assertEquals(2, held(poolId));
        assertEquals(1, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ?", v6));
        QuarkusTransaction.requiringNew().run(() -> addresses.releaseAll(vm));
        assertEquals(0, held(poolId));
        assertEquals(5, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND status = 0 AND vm_id IS NULL"
                + " AND vm_delete_state IS NULL", poolId));
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ?", v6));
    }

    @Test
    void aRequestedAddressIsHonouredWhenFreeAndRefusedWith1004Otherwise() {
        long node = rows.node(null);
        long poolId = ipv4Pool(node, 10, false);
        String base = rows.text("SELECT host(gateway) FROM ip_pool WHERE id = ?", poolId).replaceAll("\\.1$", ".");
        long vm1 = vm(node);
        List<AllocatedAddress> a = QuarkusTransaction.requiringNew().call(() -> addresses.allocate(
                AllocateAddresses.of(node, vm1, 2, null, List.of(base + "15"), false, null)));
        assertEquals(base + "15", a.get(0).address().toString(), "the requested one first");
        assertEquals(base + "10", a.get(1).address().toString(), "then the lowest free");
        long vm2 = vm(node);
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, null, null, List.of(base + "15"), false, null))));
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, null, null, List.of("192.0.2.77"), false, null))));
        rows.execute("UPDATE ip_address SET status = 2 WHERE pool_id = ? AND address = CAST(? AS inet)", poolId, base + "16");
        refused(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, null, null, List.of(base + "16"), false, null))));
        refused(ErrorCode.INVALID_PARAM, "ipv4num", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, 0, 0, null, false, null))));
        refused(ErrorCode.VALID_DATA_ERROR, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, null, null, List.of("not-an-ip"), false, null))));
        assertEquals(2, held(poolId), "refusals hold nothing");
    }

    @Test
    void natVmsDrawFromTheNatPoolOnlyAndAllocationNeedsATransaction() {
        long node = rows.node(null);
        long pub = ipv4Pool(node, 3, false);
        long nat = ipv4Pool(node, 3, true);
        long vm = vm(node);
        List<AllocatedAddress> a = QuarkusTransaction.requiringNew().call(() ->
                addresses.allocate(AllocateAddresses.of(node, vm, 1, null, null, true, null)));
        assertEquals(nat, a.get(0).poolId());
        assertEquals(0, held(pub));
        long other = rows.node(null);
        refused(ErrorCode.VALID_DATA_ERROR, "vmId", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(other, vm, 1, null, null, false, null))));
        assertThrows(RuntimeException.class, () -> addresses.allocate(AllocateAddresses.of(node, vm, 1, null, null, false, null)),
                "outside a transaction nothing would roll back a failed create");
    }

    // ---------------------------------------------------------------------------------------------- IPv6

    @Test
    void concurrentIpv6AllocationsMaterialiseDistinctSequentialAddresses() throws Exception {
        long node = rows.node(null);
        long v6 = ipv6Pool(node);
        List<Long> vms = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            vms.add(vm(node));
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<List<AllocatedAddress>>> got = race(30, () -> {
            long vm = vms.get(next.getAndIncrement());
            return QuarkusTransaction.requiringNew().call(() ->
                    addresses.allocate(AllocateAddresses.of(node, vm, 0, 1, null, false, null)));
        });
        Set<String> distinct = new HashSet<>();
        for (Future<List<AllocatedAddress>> f : got) {
            AllocatedAddress a = f.get().get(0);
            assertTrue(distinct.add(a.address().toString()));
            assertTrue(a.ipConfigItem().endsWith("/64,gw6=2001:db8::1"), a.ipConfigItem());
        }
        assertEquals(30, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND status = 1 AND vm_id IS NOT NULL", v6));
        assertEquals("2001:db8::100", rows.text("SELECT host(min(address)) FROM ip_address WHERE pool_id = ?", v6));
        assertEquals("2001:db8::11d", rows.text("SELECT host(max(address)) FROM ip_address WHERE pool_id = ?", v6), "no gaps");
        // a requested one is honoured once, then in use
        long vm = vm(node);
        QuarkusTransaction.requiringNew().run(() -> addresses.allocate(
                AllocateAddresses.of(node, vm, 0, null, List.of("2001:db8::abc"), false, null)));
        long vm2 = vm(node);
        refused(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, 0, null, List.of("2001:db8::abc"), false, null))));
        refused(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(node, vm2, 0, null, List.of("2001:db8::1"), false, null))));
        long bare = rows.node(null);
        long vm3 = vm(bare);
        refused(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", () -> QuarkusTransaction.requiringNew().run(() ->
                addresses.allocate(AllocateAddresses.of(bare, vm3, 0, 1, null, false, null))));
    }

    // ---------------------------------------------------------------------------------------------- claims

    private long insertVm(long node, String hostname, String idempotencyKey) {
        return ((Number) em.createNativeQuery("""
                        INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                        os_type, storage, system_disk_gb, bridge, expires_at, idempotency_key)
                        VALUES (?1, ?2, ?3, 'root', CAST(repeat('x', 32) AS bytea), 'd.qcow2', 'D', 'linux', 'local', 10,
                                'vmbr0', now() + interval '1 day', ?4) RETURNING id""")
                .setParameter(1, node).setParameter(2, VMIDS.incrementAndGet()).setParameter(3, hostname)
                .setParameter(4, idempotencyKey).getSingleResult()).longValue();
    }

    @Test
    void concurrentCreatesWithOneHostnameGetOneVmAndOne1043() throws Exception {
        long node = rows.node(null);
        String name = InventoryRows.unique("web");
        AtomicInteger i = new AtomicInteger();
        List<Future<String>> got = race(6, () -> {
            String mine = i.incrementAndGet() % 2 == 0 ? name.toUpperCase() : name;
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    insertVm(node, claims.claimHostname(mine).value(), null);
                    return "created";
                });
            } catch (DomainException e) {
                assertEquals(ErrorCode.HOSTNAME_IS_EXIST, e.code());
                return "1043";
            }
        });
        int created = 0;
        for (Future<String> f : got) {
            created += f.get().equals("created") ? 1 : 0;
        }
        assertEquals(1, created);
        assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE lower(hostname) = lower(?)", name));
        // a VM in the recycle bin does not hold its name
        rows.execute("UPDATE vm SET delete_state = 1, recycle_purge_at = now() WHERE lower(hostname) = lower(?)", name);
        QuarkusTransaction.requiringNew().run(() -> insertVm(node, claims.claimHostname(name).value(), null));
        refused(ErrorCode.HOSTNAME_NOT_CHINESE, "hostname", () -> QuarkusTransaction.requiringNew().run(() -> claims.claimHostname("主机")));
    }

    @Test
    void aSecondCreateWithTheSameIdempotencyKeyGetsTheFirstVm() throws Exception {
        long node = rows.node(null);
        String key = InventoryRows.unique("order");
        List<Future<Long>> got = race(6, () -> QuarkusTransaction.requiringNew().call(() -> {
            CreateClaims.IdempotentCreate c = claims.claimIdempotencyKey("api:app1", key);
            return c.existingVmId().orElseGet(() -> insertVm(node, InventoryRows.unique("h"), c.key().stored()));
        }));
        Set<Long> vmsSeen = new HashSet<>();
        for (Future<Long> f : got) {
            vmsSeen.add(f.get());
        }
        assertEquals(1, vmsSeen.size(), "every request answered with the first request's VM");
        String stored = rows.text("SELECT idempotency_key FROM vm WHERE id = ?", vmsSeen.iterator().next());
        assertEquals(64, stored.length());
        assertFalse(stored.contains(key), "only a hash of caller and key is stored");
        // another caller's identical key is another create
        assertTrue(QuarkusTransaction.requiringNew().call(() -> claims.claimIdempotencyKey("api:app2", key)).existingVmId().isEmpty());
        refused(ErrorCode.VALID_DATA_ERROR, "Idempotency-Key", () -> QuarkusTransaction.requiringNew().run(() ->
                claims.claimIdempotencyKey("api:app1", "with space")));
    }
}
