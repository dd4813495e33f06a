package com.pveams.adapters.persistence.flavour;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FlavourEntityRepository implements PanacheRepository<FlavourEntity> {
}
