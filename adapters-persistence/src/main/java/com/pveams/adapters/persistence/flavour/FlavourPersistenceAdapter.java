package com.pveams.adapters.persistence.flavour;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.flavour.FlavourRepository;
import com.pveams.domain.flavour.DataDisks;
import com.pveams.domain.flavour.Flavour;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Optional;

@ApplicationScoped
public class FlavourPersistenceAdapter implements FlavourRepository {
    private final FlavourEntityRepository repo;

    @Inject
    public FlavourPersistenceAdapter(FlavourEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public Optional<Flavour> insertIfNameFree(Flavour flavour) {
        FlavourSpec s = flavour.spec();
        return NativeInserts.insertUnlessConflict(repo.getEntityManager(), """
                        INSERT INTO flavour (name, sockets, cores, threads, devirtualization, kvm, cpu_model_id,
                                             model_group_id, nested, cpu, cpu_units, bwlimit_kbps, arch, acpi, memory_mb,
                                             storage, system_disk_gb, data_disk, bandwidth_mbps, on_boot, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                                CAST(?18 AS jsonb), ?19, ?20, ?21, ?21)
                        ON CONFLICT (name) DO NOTHING
                        RETURNING id""",
                s.name(), s.sockets(), s.cores(), s.threads(), s.devirtualization(), s.kvm(), s.cpuModelId(),
                s.modelGroupId(), s.nested(), s.cpu(), s.cpuUnits(), s.bwlimitKbps(), s.arch(), s.acpi(), s.memoryMb(),
                s.storage(), s.systemDiskGb(), s.dataDisks().json(), s.bandwidthMbps(), s.onBoot(), flavour.createdAt())
                .map(id -> new Flavour(id, flavour.createdAt(), s));
    }

    @Override
    public Optional<Flavour> lockForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(FlavourPersistenceAdapter::toDomain);
    }

    @Override
    public Page<Flavour> page(PageRequest request) {
        return Pages.of(repo.find("order by createdAt desc, id desc"), request, FlavourPersistenceAdapter::toDomain);
    }

    @Override
    public boolean update(Flavour flavour) {
        FlavourSpec s = flavour.spec();
        if (repo.count("name = ?1 and id <> ?2", s.name(), flavour.id()) > 0) {
            return false;
        }
        FlavourEntity e = repo.findById(flavour.id());
        e.name = s.name();
        e.sockets = s.sockets();
        e.cores = s.cores();
        e.threads = s.threads();
        e.devirtualization = s.devirtualization();
        e.kvm = s.kvm();
        e.cpuModelId = s.cpuModelId();
        e.modelGroupId = s.modelGroupId();
        e.nested = s.nested();
        e.cpu = s.cpu();
        e.cpuUnits = s.cpuUnits();
        e.bwlimitKbps = s.bwlimitKbps();
        e.arch = s.arch();
        e.acpi = s.acpi();
        e.memoryMb = s.memoryMb();
        e.storage = s.storage();
        e.systemDiskGb = s.systemDiskGb();
        e.dataDisk = s.dataDisks().json();
        e.bandwidthMbps = s.bandwidthMbps();
        e.onBoot = s.onBoot();
        repo.flush();
        return true;
    }

    @Override
    public void delete(long id) {
        repo.deleteById(id);
        repo.flush();
    }

    static Flavour toDomain(FlavourEntity e) {
        return new Flavour(e.id, e.createdAt, new FlavourSpec(e.name, e.sockets, e.cores, e.threads,
                e.devirtualization, e.kvm, e.cpuModelId, e.modelGroupId, e.nested, e.cpu, e.cpuUnits, e.bwlimitKbps,
                e.arch, e.acpi, e.memoryMb, e.storage, e.systemDiskGb, DataDisks.parse(JsonColumns.read(e.dataDisk)),
                e.bandwidthMbps, e.onBoot));
    }
}
