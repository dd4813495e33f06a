package com.pveams.adapters.persistence.console;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class VncControllerEntityRepository implements PanacheRepository<VncControllerEntity> {
}
