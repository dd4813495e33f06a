package com.pveams.adapters.persistence.vm;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.application.port.out.vm.VmReconcileStore;
import com.pveams.domain.vm.Drift;
import com.pveams.domain.vm.DriftKind;
import com.pveams.domain.vm.DriftSubject;
import com.pveams.domain.vm.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SQL over the columns the reconciliation reads ({@code vm} and whether an operation is active) and writes
 * ({@code status}, {@code drift}, {@code drift_detected_at}). Only a status change bumps {@code version}: drift is
 * an observation, not a change of the VM, and must not disturb writers comparing versions.
 */
@ApplicationScoped
public class VmReconcilePersistenceAdapter implements VmReconcileStore {
    private static final String ACTIVE = "'PENDING', 'RUNNING', 'COMPENSATING'"; // ux_operation_vm_active

    private final EntityManager em;

    @Inject
    public VmReconcilePersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<Long> nodeIds() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM node ORDER BY id").getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Override
    public List<ReconcileRow> liveVmsOf(long nodeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT v.id, v.vmid, v.hostname, v.memory_mb, v.sockets, v.cores, v.status,
                               EXISTS (SELECT 1 FROM operation o WHERE o.vm_id = v.id AND o.status IN (%s)),
                               v.drift IS NOT NULL
                        FROM vm v WHERE v.node_id = ?1 AND v.delete_state = 0 ORDER BY v.id""".formatted(ACTIVE))
                .setParameter(1, nodeId).getResultList();
        return rows.stream().map(r -> new ReconcileRow(((Number) r[0]).longValue(),
                new DriftSubject(((Number) r[1]).intValue(), (String) r[2], ((Number) r[3]).intValue(),
                        ((Number) r[4]).intValue(), ((Number) r[5]).intValue()),
                VmState.stored(((Number) r[6]).intValue()), (Boolean) r[7], (Boolean) r[8])).toList();
    }

    @Override
    public boolean correctStatus(long vmId, VmState seen, VmState corrected) {
        // Lock first: an operation starts by locking the row, so once we hold it, the next statement (a new
        // snapshot) sees any operation committed meanwhile.
        List<?> locked = em.createNativeQuery("SELECT status FROM vm WHERE id = ?1 AND delete_state = 0 FOR UPDATE")
                .setParameter(1, vmId).getResultList();
        if (locked.isEmpty() || ((Number) locked.get(0)).intValue() != seen.code()) {
            return false;
        }
        return em.createNativeQuery("""
                        UPDATE vm SET status = ?3, version = version + 1, updated_at = now()
                        WHERE id = ?1 AND status = ?2
                          AND NOT EXISTS (SELECT 1 FROM operation o WHERE o.vm_id = ?1 AND o.status IN (%s))"""
                        .formatted(ACTIVE))
                .setParameter(1, vmId).setParameter(2, (short) seen.code()).setParameter(3, (short) corrected.code())
                .executeUpdate() == 1;
    }

    @Override
    public void recordDrift(long vmId, Drift drift, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        drift.differences().forEach((kind, d) -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("stored", d.stored());
            values.put("pve", d.pve());
            json.put(kind.key(), values);
        });
        em.createNativeQuery("""
                        UPDATE vm SET drift = CAST(?2 AS jsonb),
                               drift_detected_at = CASE WHEN drift IS NULL THEN ?3 ELSE drift_detected_at END
                        WHERE id = ?1 AND drift IS DISTINCT FROM CAST(?2 AS jsonb)""")
                .setParameter(1, vmId).setParameter(2, JsonColumns.write(json))
                .setParameter(3, now.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    @Override
    public boolean clearDrift(long vmId) {
        return em.createNativeQuery(
                        "UPDATE vm SET drift = NULL, drift_detected_at = NULL WHERE id = ?1 AND drift IS NOT NULL")
                .setParameter(1, vmId).executeUpdate() == 1;
    }

    @Override
    public Map<DriftKind, Long> driftCounts() {
        Map<DriftKind, Long> counts = new EnumMap<>(DriftKind.class);
        for (DriftKind k : DriftKind.values()) {
            counts.put(k, 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT k, count(*) FROM vm v, jsonb_object_keys(v.drift) k
                        WHERE v.delete_state = 0 AND v.drift IS NOT NULL GROUP BY k""").getResultList();
        for (Object[] r : rows) {
            for (DriftKind k : DriftKind.values()) {
                if (k.key().equals(r[0])) {
                    counts.put(k, ((Number) r[1]).longValue());
                }
            }
        }
        return counts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Long, StoredDrift> driftOf(Collection<Long> vmIds) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, CAST(drift AS text), drift_detected_at FROM vm
                        WHERE id = ANY(CAST(?1 AS bigint[])) AND drift IS NOT NULL""")
                .setParameter(1, vmIds.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        Map<Long, StoredDrift> result = new HashMap<>();
        for (Object[] r : rows) {
            Map<String, Map<String, String>> differences = new LinkedHashMap<>();
            JsonColumns.read((String) r[1]).forEach((kind, v) -> {
                Map<String, String> values = new LinkedHashMap<>();
                ((Map<String, Object>) v).forEach((k, x) -> values.put(k, x == null ? null : x.toString()));
                differences.put(kind, values);
            });
            result.put(((Number) r[0]).longValue(), new StoredDrift(differences, instant(r[2])));
        }
        return result;
    }

    private static Instant instant(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        return ((Timestamp) o).toInstant();
    }
}
