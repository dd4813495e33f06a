package com.pveams.adapters.persistence.hardware;

import com.pveams.application.port.out.hardware.CatalogReferences;
import com.pveams.domain.hardware.Referrer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/**
 * Who uses a catalogue entry. VMs are not asked: they keep their own copy of every value (and their foreign keys
 * to the catalogue are ON DELETE SET NULL), so a VM never blocks a deletion.
 */
@ApplicationScoped
public class CatalogReferencesAdapter implements CatalogReferences {
    private final EntityManager em;

    @Inject
    public CatalogReferencesAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Referrer> userOfCpuModel(long cpuModelId) {
        return first("""
                SELECT * FROM (SELECT 0 AS k, id, info AS name FROM model_group WHERE cpu_model_id = ?1
                               UNION ALL
                               SELECT 1 AS k, id, name FROM flavour WHERE cpu_model_id = ?1) u
                 ORDER BY k, id LIMIT 1""", cpuModelId);
    }

    @Override
    public Optional<Referrer> userOfSmbiosModel(long smbiosModelId) {
        return first("""
                SELECT 0 AS k, g.id, g.info AS name FROM model_group_smbios s JOIN model_group g ON g.id = s.model_group_id
                 WHERE s.smbios_model_id = ?1 ORDER BY g.id LIMIT 1""", smbiosModelId);
    }

    @Override
    public Optional<Referrer> userOfModelGroup(long modelGroupId) {
        return first("SELECT 1 AS k, id, name FROM flavour WHERE model_group_id = ?1 ORDER BY id LIMIT 1", modelGroupId);
    }

    private Optional<Referrer> first(String sql, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Referrer(
                ((Number) r[0]).intValue() == 0 ? Referrer.Kind.MODEL_GROUP : Referrer.Kind.FLAVOUR,
                ((Number) r[1]).longValue(), (String) r[2]));
    }
}
