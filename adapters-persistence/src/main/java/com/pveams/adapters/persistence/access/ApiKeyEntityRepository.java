package com.pveams.adapters.persistence.access;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ApiKeyEntityRepository implements PanacheRepository<ApiKeyEntity> {
}
