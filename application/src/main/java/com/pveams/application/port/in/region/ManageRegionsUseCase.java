package com.pveams.application.port.in.region;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.region.Region;
import com.pveams.domain.region.Region.Placement;

/** The region family: add, change, delete. Each command is one transaction. */
public interface ManageRegionsUseCase {
    RegionView add(AddRegionCommand command);

    RegionView update(UpdateRegionCommand command);

    /** Refused while the region has children; its nodes are unbound, not deleted. */
    void delete(long id);

    record AddRegionCommand(String name, String geo, Placement placement) {
        public AddRegionCommand {
            name = Region.requireName(name);
            geo = Region.requireGeo(geo);
            if (placement == null) {
                placement = Placement.TOP_LEVEL;
            }
        }

        /** From the legacy fields: {@code realm} 0/1 and {@code parent} (0 or absent = none). */
        public static AddRegionCommand of(String name, String geo, Integer realm, Long parent) {
            return new AddRegionCommand(name, geo, Placement.of(realm, parent));
        }
    }

    /** Null fields are kept, as the legacy update did; a null placement keeps the region where it is. */
    record UpdateRegionCommand(long id, String name, String geo, Placement placement) {
        public UpdateRegionCommand {
            if (id < 1) {
                throw DomainException.invalid("id", "必须是正整数", "must be a positive integer");
            }
            name = name == null ? null : Region.requireName(name);
            geo = geo == null ? null : geo.isBlank() ? "" : Region.requireGeo(geo);
        }

        public static UpdateRegionCommand of(Long id, String name, String geo, Integer realm, Long parent) {
            if (id == null) {
                throw DomainException.required("id");
            }
            Placement placement = realm == null && parent == null ? null : Placement.of(realm, parent);
            return new UpdateRegionCommand(id, name, geo, placement);
        }
    }
}
