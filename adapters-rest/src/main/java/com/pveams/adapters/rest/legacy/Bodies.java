package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

/** A missing JSON body is a client error naming the body, not a null pointer. */
public final class Bodies {
    private Bodies() {
    }

    public static <T> T require(T body) {
        if (body == null) {
            throw new DomainException(ErrorCode.VALID_DATA_ERROR, "body", "不能为空", "is required");
        }
        return body;
    }
}
