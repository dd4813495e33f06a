package com.pveams.domain.paging;

import com.pveams.domain.error.DomainException;

/** A 1-based page request, bounded so no caller can dump a whole table in one response. */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 20;

    public PageRequest {
        if (page < 1) {
            throw DomainException.invalid("page", "必须大于等于 1", "must be at least 1");
        }
        if (size < 1) {
            throw DomainException.invalid("size", "必须大于等于 1", "must be at least 1");
        }
    }

    /**
     * Builds a request from optional legacy parameters, applying defaults and the maximum size.
     * @param sizeField the name the endpoint uses for the size parameter ({@code size} or {@code limit})
     */
    public static PageRequest of(Integer page, Integer size, int defaultSize, int maxSize, String sizeField) {
        int p = page == null ? 1 : page;
        int s = size == null ? defaultSize : size;
        if (p < 1) {
            throw DomainException.invalid("page", "必须大于等于 1", "must be at least 1");
        }
        if (s < 1 || s > maxSize) {
            throw DomainException.invalid(sizeField, "必须在 1 到 " + maxSize + " 之间", "must be between 1 and " + maxSize);
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}
