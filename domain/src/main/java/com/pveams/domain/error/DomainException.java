package com.pveams.domain.error;

import java.util.Optional;

/**
 * A rule of the business was broken. Carries a legacy {@link ErrorCode}, optionally the request field at fault,
 * and a detail in both languages. Never carries internal text (SQL, class names, stack traces).
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final String field;
    private final String detailZh;
    private final String detailEn;

    public DomainException(ErrorCode code) {
        this(code, null, null, null);
    }

    public DomainException(ErrorCode code, String field, String detailZh, String detailEn) {
        super(code.name() + (field == null ? "" : " [" + field + "]") + (detailEn == null ? "" : ": " + detailEn), null, false, false);
        this.code = code;
        this.field = field;
        this.detailZh = detailZh;
        this.detailEn = detailEn;
    }

    /** A request value that fails validation: {@code VALID_DATA_ERROR} naming the field. */
    public static DomainException invalid(String field, String detailZh, String detailEn) {
        return new DomainException(ErrorCode.VALID_DATA_ERROR, field, detailZh, detailEn);
    }

    /** A generic failure (code 20400) whose message is just the given text, as the legacy server answers. */
    public static DomainException failure(String zh, String en) {
        return new DomainException(ErrorCode.ERROR, null, zh, en);
    }

    public static DomainException required(String field) {
        return invalid(field, "不能为空", "is required");
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The message a client sees: the code's message, then the field and detail when there are any. */
    public String render(boolean english) {
        String base = code.message(english);
        String detail = english ? detailEn : detailZh;
        if (field == null && detail == null) {
            return base;
        }
        if (code == ErrorCode.ERROR && field == null) {
            return detail;
        }
        StringBuilder sb = new StringBuilder(base).append(": ");
        if (field != null) {
            sb.append(field);
            if (detail != null) {
                sb.append(' ');
            }
        }
        if (detail != null) {
            sb.append(detail);
        }
        return sb.toString();
    }
}
