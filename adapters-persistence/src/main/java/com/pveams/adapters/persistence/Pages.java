package com.pveams.adapters.persistence;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

import java.util.function.Function;

/** Runs a Panache query as one legacy page: the rows of the requested page plus the total count. */
public final class Pages {
    private Pages() {
    }

    public static <E, T> Page<T> of(PanacheQuery<E> query, PageRequest request, Function<E, T> mapper) {
        var rows = query.page(io.quarkus.panache.common.Page.of(request.page() - 1, request.size()))
                .list().stream().map(mapper).toList();
        return new Page<>(rows, query.count(), request.page(), request.size());
    }
}
