package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

/**
 * Requests refused by the HTTP layer before any resource runs. Like every other failure they travel as HTTP 200
 * envelopes (clients read {@code code}; a browser client's HTTP library would throw away a 4xx body), with a
 * legacy code and the part of the request at fault named:
 * <ul>
 *     <li>body over {@code quarkus.http.limits.max-body-size} (413), unsupported {@code Content-Type} (415) and
 *     an {@code Accept} that excludes JSON (406): {@code 4000001} 参数异常, the request is malformed;</li>
 *     <li>a method the path does not take (405): {@code 501001} 无效的API, as the legacy answers any request
 *     that reaches no handler.</li>
 * </ul>
 */
public final class Refusals {
    private Refusals() {
    }

    public static DomainException bodyTooLarge(long limitBytes) {
        String limit = humanSize(limitBytes);
        return new DomainException(ErrorCode.DATA_ERROR, null,
                "请求体超过 " + limit + " 上限", "the request body exceeds the " + limit + " limit");
    }

    public static DomainException unsupportedMediaType() {
        return new DomainException(ErrorCode.DATA_ERROR, "Content-Type",
                "必须是 application/json", "must be application/json");
    }

    public static DomainException notAcceptable() {
        return new DomainException(ErrorCode.DATA_ERROR, "Accept",
                "必须接受 application/json", "must accept application/json");
    }

    public static DomainException methodNotAllowed(String method) {
        // The method is echoed only when it is a plain token: the message must not carry arbitrary input.
        if (method == null || !method.matches("[A-Za-z]{1,16}")) {
            return new DomainException(ErrorCode.INVALID_API, null, "该接口不支持此请求方法", "this method is not supported on this path");
        }
        return new DomainException(ErrorCode.INVALID_API, null,
                "该接口不支持 " + method + " 请求", method + " is not supported on this path");
    }

    static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
