package com.pveams.domain.paging;

import java.util.List;
import java.util.function.Function;

/** One page of results plus the total count of the whole result. */
public record Page<T>(List<T> records, long total, int current, int size) {
    public Page {
        records = List.copyOf(records);
    }

    public long pages() {
        return size == 0 ? 0 : (total + size - 1) / size;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(records.stream().map(mapper).toList(), total, current, size);
    }
}
