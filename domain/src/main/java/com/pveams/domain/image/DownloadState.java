package com.pveams.domain.image;

/** An image file's state on one node (legacy {@code nodeStatus[].status} codes). */
public enum DownloadState {
    NOT_DOWNLOADED(0), DOWNLOADING(1), DOWNLOADED(2), FAILED(3);

    private final int code;

    DownloadState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DownloadState of(int code) {
        for (DownloadState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown download state " + code);
    }
}
