package com.pveams.adapters.rest.legacy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.pveams.domain.paging.Page;

import java.util.List;
import java.util.function.Function;

/** A page in the shape of MyBatis-Plus' {@code Page}, which every legacy client parses. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@RegisterForReflection
public record LegacyPage<T>(List<T> records, long total, long size, long current, List<Object> orders,
                            boolean optimizeCountSql, boolean searchCount, Long maxLimit, String countId, long pages) {

    public static <D, T> LegacyPage<T> of(Page<D> page, Function<D, T> mapper) {
        return new LegacyPage<>(page.records().stream().map(mapper).toList(), page.total(), page.size(),
                page.current(), List.of(), true, true, null, null, page.pages());
    }
}
