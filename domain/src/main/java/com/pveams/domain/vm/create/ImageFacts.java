package com.pveams.domain.vm.create;

/**
 * What the create needs to know of the chosen image.
 *
 * @param kind      {@code linux} or {@code windows} (the image's type)
 * @param osFamily  the image's distro ({@code os_image.os_type}), may be null
 * @param sizeBytes the file's size when known, else null
 */
public record ImageFacts(long id, String name, String fileName, String kind, String osFamily, String arch, Long sizeBytes) {
    public boolean windows() {
        return "windows".equalsIgnoreCase(kind) || "windows".equalsIgnoreCase(osFamily);
    }
}
