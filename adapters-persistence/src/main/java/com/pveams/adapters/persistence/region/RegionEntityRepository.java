package com.pveams.adapters.persistence.region;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RegionEntityRepository implements PanacheRepository<RegionEntity> {
}
