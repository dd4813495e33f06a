package com.pveams.adapters.rest.legacy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.pveams.application.port.in.access.LoginThrottledException;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where every failure becomes a legacy envelope. No response ever carries a stack trace, an SQL
 * message or a class name; unexpected failures are logged with the request id and answered generically.
 */
public class LegacyExceptionMappers {
    private static final Logger LOG = Logger.getLogger(LegacyExceptionMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpHeaders headers) {
        Response.ResponseBuilder r = Response.ok(Envelope.of(e.code(), e.render(LegacyResponses.english(headers))));
        if (e instanceof LoginThrottledException t) {
            r.header("Retry-After", Long.toString(Math.max(1, t.retryAfter().toSeconds())));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, HttpHeaders headers) {
        boolean en = LegacyResponses.english(headers);
        return LegacyResponses.failure(ErrorCode.DATA_ERROR, ErrorCode.DATA_ERROR.message(en)
                + (en ? ": the request body is not valid JSON" : ": 请求体不是合法的 JSON"));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers) {
        return mapping(e, headers);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpHeaders headers) {
        return mapping(e, headers);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpHeaders headers) {
        return mapping(e, headers);
    }

    /**
     * A body type Jackson cannot build is our defect, not the client's: answered like any unexpected failure, never
     * with the framework's own HTTP 500 (its built-in mapper for this type would otherwise win over ours).
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, HttpHeaders headers) {
        return unexpected(e, headers);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers) {
        if (e instanceof JsonMappingException m) {
            return mapping(m, headers);
        }
        return jsonParse(null, headers);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpHeaders headers) {
        return LegacyResponses.failure(ErrorCode.INVALID_API, ErrorCode.INVALID_API.message(LegacyResponses.english(headers)));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpHeaders headers, Request request) {
        return refused(Refusals.methodNotAllowed(request.getMethod()), headers);
    }

    @ServerExceptionMapper
    public Response unsupportedMedia(NotSupportedException e, HttpHeaders headers) {
        return refused(Refusals.unsupportedMediaType(), headers);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpHeaders headers) {
        return refused(Refusals.notAcceptable(), headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 400 && status < 500) {
            if (e.getCause() instanceof JsonProcessingException j) {
                return json(j, headers);
            }
            boolean en = LegacyResponses.english(headers);
            return LegacyResponses.failure(ErrorCode.DATA_ERROR, ErrorCode.DATA_ERROR.message(en));
        }
        return unexpected(e, headers);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpHeaders headers) {
        String requestId = headers == null ? null : headers.getHeaderString(RequestIdFilter.HEADER);
        boolean en = LegacyResponses.english(headers);
        if (Overload.noConnection(e)) {
            LOG.warnf("No database connection in time: request %s refused as busy", requestId);
            return LegacyResponses.failure(ErrorCode.ERROR, en ? "The service is busy, please retry later"
                    : "服务繁忙，请稍后重试");
        }
        LOG.errorf(e, "Unexpected failure (request %s)", requestId);
        return LegacyResponses.failure(ErrorCode.ERROR, en ? "Internal error, please retry later" : "系统繁忙，请稍后重试");
    }

    private static Response refused(DomainException e, HttpHeaders headers) {
        return Response.ok(envelope(e, headers)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Envelope envelope(DomainException e, HttpHeaders headers) {
        return Envelope.of(e.code(), e.render(LegacyResponses.english(headers)));
    }

    private Response mapping(JsonMappingException e, HttpHeaders headers) {
        boolean en = LegacyResponses.english(headers);
        String field = fieldPath(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException) {
            detail = en ? "is not a known field" : "不是可识别的字段";
        } else if (e instanceof InvalidFormatException f) {
            detail = en ? "has the wrong type or format (expected " + simpleType(f.getTargetType()) + ")"
                    : "类型或格式错误（应为 " + simpleType(f.getTargetType()) + "）";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            detail = en ? "has the wrong type (expected " + simpleType(m.getTargetType()) + ")"
                    : "类型错误（应为 " + simpleType(m.getTargetType()) + "）";
        } else {
            detail = en ? "is invalid" : "无效";
        }
        String message = ErrorCode.VALID_DATA_ERROR.message(en) + ": " + (field.isEmpty() ? (en ? "body" : "请求体") : field) + " " + detail;
        return LegacyResponses.failure(ErrorCode.VALID_DATA_ERROR, message);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
