package com.pveams.adapters.rest.legacy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.pveams.domain.error.ErrorCode;

/** The legacy response envelope {@code {code, message, data}}; {@code data} is always present, null included. */
@JsonPropertyOrder({"code", "message", "data"})
@RegisterForReflection
public record Envelope(int code, String message, @JsonInclude(JsonInclude.Include.ALWAYS) Object data) {

    public static Envelope ok(Object data, boolean english) {
        return new Envelope(ErrorCode.OK.code(), ErrorCode.OK.message(english), data);
    }

    /** Success whose data is a short confirmation in the caller's language, as the legacy answered writes. */
    public static Envelope done(jakarta.ws.rs.core.HttpHeaders headers, String chinese, String english) {
        boolean en = LegacyResponses.english(headers);
        return ok(en ? english : chinese, en);
    }

    public static Envelope of(ErrorCode code, String message) {
        return new Envelope(code.code(), message, null);
    }
}
