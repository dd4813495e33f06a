package com.pveams.adapters.persistence.node;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NodeEntityRepository implements PanacheRepository<NodeEntity> {
}
