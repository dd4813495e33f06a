package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.pve.PropertyValue;

import java.util.regex.Pattern;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/clone}: the new VM's id and name, and whether its disks are copied
 * ({@code full}) or share the template's base volumes (linked). A linked clone stays on the template's storages,
 * so {@code targetStorage} is only for full clones (PVE refuses it otherwise); null keeps each disk's storage.
 * {@code description} (optional) is the new VM's, set by PVE with the clone's config, so a marker in it identifies
 * the clone from the moment it exists.
 */
public record CloneSpec(int newVmid, String name, String targetStorage, boolean full, String description) {
    private static final Pattern DNS_NAME = Pattern.compile(
            "^(?=.{1,255}$)[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)*$");
    private static final Pattern STORAGE_ID = Pattern.compile("^[a-z][a-z0-9\\-_.]*[a-z0-9]$");

    public CloneSpec(int newVmid, String name, String targetStorage, boolean full) {
        this(newVmid, name, targetStorage, full, null);
    }

    public CloneSpec {
        if (newVmid < 100 || newVmid > 999_999_999) {
            throw new IllegalArgumentException("vmid 100..999999999");
        }
        if (name != null && !DNS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the name must be a DNS name");
        }
        if (targetStorage != null && !STORAGE_ID.matcher(targetStorage).matches()) {
            throw new IllegalArgumentException("not a PVE storage id");
        }
        if (targetStorage != null && !full) {
            throw new IllegalArgumentException("a target storage is only for full clones");
        }
        if (description != null) {
            PropertyValue.text("description", description, 8192, true);
        }
    }

    public CloneSpec withDescription(String text) {
        return new CloneSpec(newVmid, name, targetStorage, full, text);
    }

    public static CloneSpec linked(int newVmid, String name) {
        return new CloneSpec(newVmid, name, null, false);
    }

    public static CloneSpec full(int newVmid, String name, String targetStorage) {
        return new CloneSpec(newVmid, name, targetStorage, true);
    }
}
