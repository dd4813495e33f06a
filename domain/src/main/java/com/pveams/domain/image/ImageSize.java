package com.pveams.domain.image;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The legacy API shows sizes as short strings ("597MB", "5GB"); the service stores bytes. */
public final class ImageSize {
    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;

    private ImageSize() {
    }

    public static String human(Long bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes < GB) {
            return Math.max(bytes == 0 ? 0 : 1, Math.round((double) bytes / MB)) + "MB";
        }
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(GB), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "GB";
    }
}
