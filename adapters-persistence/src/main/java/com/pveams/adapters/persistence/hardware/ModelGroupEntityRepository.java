package com.pveams.adapters.persistence.hardware;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ModelGroupEntityRepository implements PanacheRepository<ModelGroupEntity> {
}
