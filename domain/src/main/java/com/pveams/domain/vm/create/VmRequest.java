package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.Map;

/**
 * The create request as the legacy {@code VmParams} carries it (legacy names and units; every field may be null).
 * Only what cannot be judged without the inventory is left to the later steps of {@link VmSpecs}.
 *
 * @param flowLimit  traffic quota in GB per period, 0 or null = unlimited
 * @param dataDisk   slot → size in GB or {@code {"size","storage"}} ({@code DataDisks})
 * @param ipConfig   slot → PVE {@code ipconfigN} text naming wanted addresses, empty text = automatic
 */
public record VmRequest(Long nodeid, String hostname, Long configureTemplateId, Integer sockets, Integer cores,
                        Integer threads, Boolean nested, Boolean devirtualization, Boolean kvm, Long cpuModel,
                        Long modelGroup, String cpu, Integer cpuUnits, Integer bwlimit, Long flowLimit, String arch,
                        Boolean acpi, Integer memory, String storage, Integer systemDiskSize, DiskLimits diskLimits,
                        Map<String, ?> dataDisk, String bridge, Map<String, String> ipConfig, String dns1, String os,
                        String osType, Boolean onBoot, Integer bandwidth, String username, String password,
                        Long expirationTime, Boolean ifnat, Integer ipv4num, Integer ipv6num, Long publicIpPoolId) {

    public VmRequest {
        diskLimits = diskLimits == null ? DiskLimits.NONE : diskLimits;
        ipConfig = ipConfig == null ? Map.of() : ipConfig;
    }

    /** Legacy step 2: the node is required (1001 naming {@code nodeid}). */
    public long requireNode() {
        if (nodeid == null || nodeid < 1) {
            throw new DomainException(ErrorCode.INVALID_PARAM, "nodeid", "nodeid 不能为空", "nodeid is required");
        }
        return nodeid;
    }

    /** Legacy step 3: a flavour is named only by a positive id. */
    public boolean namesFlavour() {
        return configureTemplateId != null && configureTemplateId > 0;
    }

    /** Legacy step 14: an image is required (1006). */
    public ImageRef requireImage() {
        return ImageRef.of(os);
    }

    public boolean nat() {
        return Boolean.TRUE.equals(ifnat);
    }

    public boolean hasHostname() {
        return hostname != null && !hostname.isBlank();
    }
}
