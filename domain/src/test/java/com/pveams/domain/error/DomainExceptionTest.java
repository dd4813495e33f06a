package com.pveams.domain.error;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainExceptionTest {

    @Test
    void rendersCodeMessageFieldAndDetailInBothLanguages() {
        DomainException e = DomainException.invalid("size", "必须在 1 到 500 之间", "must be between 1 and 500");
        assertEquals("参数校验异常: size 必须在 1 到 500 之间", e.render(false));
        assertEquals("Invalid parameter: size must be between 1 and 500", e.render(true));
        assertEquals("虚拟机不存在", new DomainException(ErrorCode.VM_NOT_EXIST).render(false));
        assertEquals("不存在该API", DomainException.failure("不存在该API", "No such API key").render(false));
    }

    @Test
    void legacyCodesAreUniqueAndKeepTheirNumbers() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(seen.add(c.code()), "duplicate code " + c.code());
        }
        assertEquals(20000, ErrorCode.OK.code());
        assertEquals(501001, ErrorCode.INVALID_API.code());
        assertEquals(501002, ErrorCode.AUTH_FAILED.code());
        assertEquals(4030001, ErrorCode.NOT_PERMISSION.code());
        assertEquals(1016, ErrorCode.VM_NOT_EXIST.code());
        assertEquals(1043, ErrorCode.HOSTNAME_IS_EXIST.code());
    }
}
