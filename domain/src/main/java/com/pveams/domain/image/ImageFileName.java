package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of an image file on the nodes. It ends up in paths and commands there, so it is one plain file name:
 * letters, digits and {@code ._+-}, starting with a letter or digit, no {@code ..}. It need not equal the URL's
 * last segment (the legacy server required that, because its agent saved with {@code wget -P}).
 */
public record ImageFileName(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");

    public ImageFileName {
        if (value == null || value.isBlank()) {
            throw DomainException.required("fileName");
        }
        value = value.strip();
        if (!SHAPE.matcher(value).matches() || value.contains("..")) {
            throw DomainException.invalid("fileName", "只能包含字母、数字和 ._+-，以字母或数字开头，不能含 ..，最长 255",
                    "must be a plain file name of letters, digits and ._+- (starting with a letter or digit, no '..', at most 255)");
        }
    }

    /**
     * Whether PVE can hold the file as {@code import} content (disk images it can import: qcow2, raw, vmdk), so
     * {@code download-url} may fetch it straight into an import storage.
     */
    public boolean importable() {
        String v = value.toLowerCase(Locale.ROOT);
        return v.endsWith(".qcow2") || v.endsWith(".raw") || v.endsWith(".vmdk");
    }

    /** The legacy "online activate" name: the file name without its extension. */
    public String baseName() {
        int dot = value.lastIndexOf('.');
        return dot > 0 ? value.substring(0, dot) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
