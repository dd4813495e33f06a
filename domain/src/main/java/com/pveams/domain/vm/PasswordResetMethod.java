package com.pveams.domain.vm;

/** How a guest password is changed; the public answer names it ({@link #wireName()}). */
public enum PasswordResetMethod {
    /** At once inside the running guest, through the QEMU guest agent ({@code set-user-password}). */
    AGENT("agent"),
    /** Through the cloud-init drive ({@code cipassword}, regenerated); applied when the guest boots again. */
    CLOUD_INIT("cloudinit");

    private final String wireName;

    PasswordResetMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
