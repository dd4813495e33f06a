package com.pveams.domain.paging;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @Test
    void defaultsAndBounds() {
        PageRequest r = PageRequest.of(null, null, 20, 500, "size");
        assertEquals(1, r.page());
        assertEquals(20, r.size());
        assertEquals(40, PageRequest.of(3, 20, 20, 500, "size").offset());
        assertEquals("limit", assertThrows(DomainException.class, () -> PageRequest.of(1, 501, 20, 500, "limit")).field().orElseThrow());
        assertEquals("size", assertThrows(DomainException.class, () -> PageRequest.of(1, -1, 20, 500, "size")).field().orElseThrow());
        assertEquals("page", assertThrows(DomainException.class, () -> PageRequest.of(0, 10, 20, 500, "size")).field().orElseThrow());
    }

    @Test
    void pagesRoundUp() {
        assertEquals(3, new Page<>(List.of(), 41, 1, 20).pages());
        assertEquals(0, new Page<>(List.of(), 0, 1, 20).pages());
        assertEquals(List.of("2"), new Page<>(List.of(2), 1, 1, 20).map(String::valueOf).records());
    }
}
