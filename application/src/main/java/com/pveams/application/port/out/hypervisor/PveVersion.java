package com.pveams.application.port.out.hypervisor;

/** {@code GET /version}: the pve-manager package version (e.g. {@code 9.1.1}) and the release ({@code 9.1}). */
public record PveVersion(String version, String release) {
}
