package com.pveams.application.port.out.hypervisor;

import java.util.Set;

/** {@code GET /nodes/{node}/storage}: a storage as seen from one node. Sizes in bytes. */
public record StorageInfo(String storage, String type, Set<String> content, boolean active, boolean enabled,
                          boolean shared, long total, long used, long available) {
    public StorageInfo {
        content = Set.copyOf(content);
    }

    public boolean holds(String contentType) {
        return content.contains(contentType);
    }
}
