package com.pveams.application.service;

import com.pveams.application.port.in.region.ManageRegionsUseCase;
import com.pveams.application.port.in.region.RegionQuery;
import com.pveams.application.port.in.region.RegionView;
import com.pveams.application.port.out.RegionRepository;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.region.Region;
import com.pveams.domain.region.Region.Placement;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Regions: the hierarchy rules are the domain's ({@link Region}); this service loads what they need. */
@Singleton
public class RegionService implements ManageRegionsUseCase, RegionQuery {
    private final RegionRepository regions;
    private final Clock clock;

    @Inject
    public RegionService(RegionRepository regions, Clock clock) {
        this.regions = regions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public RegionView add(AddRegionCommand command) {
        Region parent = parentOf(command.placement());
        Region region = Region.create(command.name(), command.geo(), parent, clock.instant());
        return regions.insertIfNameFree(region).map(RegionView::of).orElseThrow(Region::duplicateName);
    }

    @Override
    @Transactional
    public RegionView update(UpdateRegionCommand command) {
        Region region = regions.findByIdForUpdate(command.id()).orElseThrow(Region::notFound);
        if (command.name() != null && !command.name().equals(region.name())) {
            if (regions.nameTakenByAnother(command.name(), region.id())) {
                throw Region.duplicateName();
            }
            region.rename(command.name());
        }
        if (command.geo() != null) {
            region.describe(command.geo());
        }
        if (command.placement() != null) {
            region.moveUnder(parentOf(command.placement()), regions.countChildren(region.id()));
        }
        regions.update(region);
        return RegionView.of(region);
    }

    @Override
    @Transactional
    public void delete(long id) {
        Region region = regions.findByIdForUpdate(id).orElseThrow(Region::notFound);
        region.ensureDeletable(regions.countChildren(id));
        regions.delete(id);
    }

    @Override
    @Transactional
    public Page<RegionView> list(PageRequest request) {
        return regions.page(request).map(RegionView::of);
    }

    @Override
    @Transactional
    public RegionView get(long id) {
        return regions.findById(id).map(RegionView::of).orElseThrow(Region::notFound);
    }

    @Override
    @Transactional
    public Page<RegionView> children(long parentId, PageRequest request) {
        return (parentId == 0 ? regions.pageTopLevel(request) : regions.pageChildren(parentId, request)).map(RegionView::of);
    }

    @Override
    @Transactional
    public Page<RegionView> topLevel(PageRequest request) {
        return regions.pageTopLevel(request).map(RegionView::of);
    }

    private Region parentOf(Placement placement) {
        if (placement.topLevel()) {
            return null;
        }
        return regions.findById(placement.parentId()).orElseThrow(Region::parentNotFound);
    }
}
