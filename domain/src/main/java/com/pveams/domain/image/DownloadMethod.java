package com.pveams.domain.image;

/** How a file reached a node. */
public enum DownloadMethod {
    /** PVE's own {@code download-url} into a storage holding {@code import} content. */
    PVE,
    /** curl over SSH into the image directory. */
    SSH,
    /** Uploaded by an operator; only recorded. */
    MANUAL
}
