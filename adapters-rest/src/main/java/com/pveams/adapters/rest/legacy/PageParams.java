package com.pveams.adapters.rest.legacy;

import com.pveams.adapters.rest.config.ApiConfig;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns the legacy page parameters into a bounded {@link PageRequest}. Endpoints name their size parameter
 * {@code size} or {@code limit} as the contract says.
 */
@ApplicationScoped
public class PageParams {
    private final ApiConfig api;

    @Inject
    public PageParams(ApiConfig api) {
        this.api = api;
    }

    /** {@code page} and {@code size}, defaults 1 and 20. */
    public PageRequest pageAndSize(String page, String size) {
        return of(page, size, "size", PageRequest.DEFAULT_SIZE);
    }

    public PageRequest of(String page, String size, String sizeField, int defaultSize) {
        return PageRequest.of(Params.optionalInt(page, "page"), Params.optionalInt(size, sizeField), defaultSize,
                api.maxPageSize(), sizeField);
    }
}
