package com.pveams.domain.vm.reinstall;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The reinstall's {@code os}: an image id, file name or name (the contract says "系统全面或系统id"). Clients send
 * any of them, so they are tried in a fixed order and the first image found wins: by id when all digits, then by
 * file name, then by name, then by the name with {@code .qcow2} appended as a file name (panels that show
 * "debian-12" for "debian-12.qcow2").
 */
public record ImageReference(String value) {
    /** Longer than any stored file name or name: such a value cannot name an image. */
    static final int MAX_LENGTH = 255;

    public enum By { ID, FILE_NAME, NAME }

    /** One lookup of the sequence. */
    public record Lookup(By by, String value) {
    }

    public static ImageReference of(String os) {
        if (os == null || os.isBlank()) {
            throw new DomainException(ErrorCode.IMAGE_NOT_NULL, "os", null, null);
        }
        String v = os.strip();
        if (v.length() > MAX_LENGTH || v.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.CLOUD_IMAGE_NOT_EXIST, "os", null, null);
        }
        return new ImageReference(v);
    }

    public List<Lookup> lookups() {
        List<Lookup> l = new ArrayList<>();
        if (value.matches("[0-9]{1,18}")) {
            l.add(new Lookup(By.ID, value));
        }
        l.add(new Lookup(By.FILE_NAME, value));
        l.add(new Lookup(By.NAME, value));
        if (!value.endsWith(".qcow2")) {
            l.add(new Lookup(By.FILE_NAME, value + ".qcow2"));
        }
        return l;
    }
}
