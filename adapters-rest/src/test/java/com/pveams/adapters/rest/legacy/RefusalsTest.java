package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusalsTest {

    @Test
    void bodyLimitIsShownInTheLargestWholeUnit() {
        assertEquals("参数异常: 请求体超过 1 MB 上限", Refusals.bodyTooLarge(1024 * 1024).render(false));
        assertEquals("Malformed request: the request body exceeds the 512 KB limit", Refusals.bodyTooLarge(512 * 1024).render(true));
        assertEquals("Malformed request: the request body exceeds the 1000 bytes limit", Refusals.bodyTooLarge(1000).render(true));
    }

    @Test
    void onlyPlainMethodNamesAreEchoed() {
        assertEquals(ErrorCode.INVALID_API, Refusals.methodNotAllowed("PATCH").code());
        assertEquals("无效的API: 该接口不支持 PATCH 请求", Refusals.methodNotAllowed("PATCH").render(false));
        assertEquals("Invalid API: this method is not supported on this path", Refusals.methodNotAllowed("X<script>").render(true));
        assertEquals("无效的API: 该接口不支持此请求方法", Refusals.methodNotAllowed(null).render(false));
    }
}
