package com.pveams.adapters.persistence.ippool;

import com.pveams.application.port.out.ippool.NodeReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Plain SQL over {@code node}: the pools need only to know a node is there and stays there. */
@ApplicationScoped
public class NodeReferencesAdapter implements NodeReferences {
    private final EntityManager em;

    @Inject
    public NodeReferencesAdapter(EntityManager em) {
        this.em = em;
    }

    /** FOR KEY SHARE: the node cannot be deleted until commit, yet its other columns stay updatable. */
    @Override
    public boolean exists(long nodeId) {
        return !em.createNativeQuery("SELECT 1 FROM node WHERE id = ?1 FOR KEY SHARE")
                .setParameter(1, nodeId).getResultList().isEmpty();
    }
}
