package com.pveams.adapters.rest.hardware;

import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.PageRequest;

/** Parameter shapes of the catalogue endpoints that the shared legacy helpers do not cover. */
public final class CatalogParams {
    private CatalogParams() {
    }

    /** The legacy server had no defaults for some pages: both parameters must be sent. */
    public static PageRequest requiredPage(PageParams pages, String page, String size, String sizeField) {
        if (page == null || page.isBlank()) {
            throw DomainException.required("page");
        }
        if (size == null || size.isBlank()) {
            throw DomainException.required(sizeField);
        }
        return pages.of(page, size, sizeField, PageRequest.DEFAULT_SIZE);
    }

    /** Deletes take {@code {"id": n}} as the body (legacy) or {@code ?id=n} (clients that send both). */
    public static long idFromBodyOrQuery(IdBody body, String queryId) {
        if (body != null && body.id() != null) {
            if (body.id() < 1) {
                throw DomainException.invalid("id", "必须是正整数", "must be a positive integer");
            }
            return body.id();
        }
        return Params.requiredId(queryId, "id");
    }

    public record IdBody(Long id) {
    }
}
