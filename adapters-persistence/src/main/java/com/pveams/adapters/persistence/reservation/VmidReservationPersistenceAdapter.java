package com.pveams.adapters.persistence.reservation;

import com.pveams.application.port.out.reservation.VmRows;
import com.pveams.application.port.out.reservation.VmidReservationStore;
import com.pveams.domain.reservation.Vmid;
import com.pveams.domain.reservation.VmidReservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Plain SQL over {@code vmid_reservation}. The space of a reservation is always copied from the node row
 * ({@code node.vmid_space}, V18), never passed in, and {@code uq_vmid_reservation_space_vmid} decides between
 * concurrent claims: a second insert of the same VMID waits for the first to commit, then finds it held.
 */
@ApplicationScoped
public class VmidReservationPersistenceAdapter implements VmidReservationStore, VmRows {
    private static final String COLUMNS = "r.id, r.node_id, r.vmid, r.vm_id, r.reserved_until";

    private final EntityManager em;

    @Inject
    public VmidReservationPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean nodeExists(long nodeId) {
        return !em.createNativeQuery("SELECT 1 FROM node WHERE id = ?1").setParameter(1, nodeId).getResultList().isEmpty();
    }

    @Override
    public OptionalInt firstFree(long nodeId, Vmid from, int window, Instant now) {
        long last = Math.min((long) from.value() + window - 1, Vmid.MAX);
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("""
                        SELECT c.vmid FROM node n, generate_series(?2, ?3) AS c(vmid)
                        WHERE n.id = ?1
                          AND NOT EXISTS (SELECT 1 FROM vmid_reservation r
                                          WHERE r.vmid_space = n.vmid_space AND r.vmid = c.vmid
                                            AND (r.vm_id IS NOT NULL OR r.reserved_until > ?4))
                          AND NOT EXISTS (SELECT 1 FROM vm v JOIN node vn ON vn.id = v.node_id
                                          WHERE v.vmid = c.vmid AND vn.vmid_space = n.vmid_space)
                        ORDER BY c.vmid LIMIT 1""")
                .setParameter(1, nodeId).setParameter(2, from.value()).setParameter(3, (int) last)
                .setParameter(4, time(now)).getResultList();
        return rows.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rows.get(0).intValue());
    }

    @Override
    public Optional<VmidReservation> claim(long nodeId, Vmid vmid, Instant now, Instant until) {
        // a take-over gets a fresh id, so the create that let it expire can no longer bind or release it
        return one(em.createNativeQuery("""
                        INSERT INTO vmid_reservation AS r (node_id, vmid_space, vmid, reserved_until, created_at)
                        SELECT n.id, n.vmid_space, ?2, ?3, ?4 FROM node n WHERE n.id = ?1
                        ON CONFLICT ON CONSTRAINT uq_vmid_reservation_space_vmid DO UPDATE
                           SET id = nextval(pg_get_serial_sequence('vmid_reservation', 'id')), node_id = EXCLUDED.node_id,
                               reserved_until = EXCLUDED.reserved_until, created_at = EXCLUDED.created_at,
                               pve_conflict = FALSE
                         WHERE r.vm_id IS NULL AND r.reserved_until <= EXCLUDED.created_at
                        RETURNING\s""" + COLUMNS)
                .setParameter(1, nodeId).setParameter(2, vmid.value()).setParameter(3, time(until))
                .setParameter(4, time(now)).getResultList());
    }

    @Override
    public Optional<VmidReservation> findForUpdate(long id) {
        return one(em.createNativeQuery("SELECT " + COLUMNS + " FROM vmid_reservation r WHERE r.id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList());
    }

    @Override
    public void bind(long id, long vmId) {
        em.createNativeQuery("UPDATE vmid_reservation SET vm_id = ?2, pve_conflict = FALSE WHERE id = ?1")
                .setParameter(1, id).setParameter(2, vmId).executeUpdate();
    }

    @Override
    public void markPveConflict(long id, Instant until) {
        em.createNativeQuery("UPDATE vmid_reservation SET pve_conflict = TRUE, reserved_until = GREATEST(reserved_until, ?2)"
                        + " WHERE id = ?1 AND vm_id IS NULL")
                .setParameter(1, id).setParameter(2, time(until)).executeUpdate();
    }

    @Override
    public void delete(long id) {
        em.createNativeQuery("DELETE FROM vmid_reservation WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    @Override
    public Optional<VmRow> find(long vmId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, node_id, vmid, delete_state FROM vm WHERE id = ?1")
                .setParameter(1, vmId).getResultList();
        return rows.stream().findFirst().map(r -> new VmRow(((Number) r[0]).longValue(),
                r[1] == null ? null : ((Number) r[1]).longValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
    }

    @SuppressWarnings("unchecked")
    private static Optional<VmidReservation> one(List<?> rows) {
        return ((List<Object[]>) rows).stream().findFirst().map(r -> new VmidReservation(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), new Vmid(((Number) r[2]).intValue()),
                r[3] == null ? null : ((Number) r[3]).longValue(), instant(r[4])));
    }

    static OffsetDateTime time(Instant i) {
        return i.atOffset(java.time.ZoneOffset.UTC);
    }

    static Instant instant(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        return ((Timestamp) o).toInstant();
    }
}
