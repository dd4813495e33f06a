package com.pveams.application.port.in.region;

import com.pveams.domain.region.Region;

import java.time.Instant;

/** A region as the admin API shows it; {@code parentId} is null for a top-level region. */
public record RegionView(long id, String name, String geo, Long parentId, int realm, Instant createdAt) {
    public static RegionView of(Region r) {
        return new RegionView(r.id(), r.name(), r.geo(), r.parentId(), r.realm(), r.createdAt());
    }
}
