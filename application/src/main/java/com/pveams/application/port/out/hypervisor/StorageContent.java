package com.pveams.application.port.out.hypervisor;

/** {@code GET /nodes/{node}/storage/{storage}/content}: one volume. {@code vmid} is null when not owned by a VM. */
public record StorageContent(String volid, String content, String format, long size, Integer vmid, long ctime,
                             String notes) {
}
