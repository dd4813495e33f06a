package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

/** How an image reaches the nodes; the legacy numbers are the API's {@code downType}. */
public enum DownloadType {
    /** The service downloads it from the image's URL. */
    URL(0),
    /** An operator put the file on the nodes by hand; downloading only records it. */
    UPLOAD(1);

    private final int code;

    DownloadType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DownloadType of(Integer code, String field) {
        if (code == null) {
            throw DomainException.required(field);
        }
        for (DownloadType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw DomainException.invalid(field, "必须是 0（自动下载）或 1（手动上传）", "must be 0 (download) or 1 (manual upload)");
    }
}
