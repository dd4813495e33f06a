package com.pveams.adapters.rest.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.audit.AuditLogQuery;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.audit.AuditRecord;
import com.pveams.domain.audit.AuditSearch;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneId;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The audit log read back in the legacy {@code system_log} shape. Secrets were masked before the rows were
 * written, so nothing here can reveal one. Not audited itself: both endpoints are reads.
 */
@Path("/{adminPath}")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/系统日志", description = "The audit log of mutating calls and logins")
public class SystemLogResource {
    private final AuditLogQuery audit;
    private final PageParams pages;
    private final ObjectMapper mapper;
    private final ZoneId zone;

    @Inject
    public SystemLogResource(AuditLogQuery audit, PageParams pages, ObjectMapper mapper,
                             @ConfigProperty(name = "ams.audit.time-zone") Optional<String> zone) {
        this.audit = audit;
        this.pages = pages;
        this.mapper = mapper;
        // read as text: the packaged service's converter refused an unset value instead of leaving it empty
        this.zone = zone.map(String::strip).filter(z -> !z.isEmpty()).map(ZoneId::of).orElseGet(ZoneId::systemDefault);
    }

    /**
     * A row of the list. {@code level} and {@code content} are derived from the stored outcome; {@code authType}
     * uses the legacy vocabulary (ADMIN, PUBLIC_API, ANONYMOUS); {@code createTime} is epoch milliseconds.
     */
    @RegisterForReflection
    public record SystemLogJson(long id, String requestId, String logType, String level, String method, String uri,
                                String clientIp, String operator, String authType, int httpStatus, int businessCode,
                                String businessMessage, long durationMs, String content, String userAgent,
                                long createTime) {
        static SystemLogJson of(AuditRecord r) {
            AuditEntry e = r.entry();
            return new SystemLogJson(r.id(), e.requestId(), e.logType().name(), e.level().name(), e.method(),
                    e.path(), e.clientAddress(), e.actor(), legacyAuthType(e.actorType()), e.httpStatus(), e.resultCode(),
                    e.success() ? "SUCCESS" : "FAIL", e.durationMs(), r.summary(), e.userAgent(),
                    e.occurredAt().toEpochMilli());
        }
    }

    /** One row opened: the list fields plus the redacted query string, request body and response body. */
    @RegisterForReflection
    public record SystemLogDetailJson(long id, String requestId, String logType, String level, String method,
                                      String uri, String clientIp, String operator, String authType, int httpStatus,
                                      int businessCode, String businessMessage, long durationMs, String content,
                                      String userAgent, long createTime, String queryString, String requestBody,
                                      String responseBody) {
    }

    @GET
    @Path("getSystemLogs")
    @Operation(summary = "分页获取系统日志 (page, size; type all|API|LOGIN; level all|INFO|WARN|ERROR; keyword in "
            + "path, operator and request; requestId; date yyyy-MM-dd in ams.audit.time-zone), newest first")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size,
                         @QueryParam("type") String type, @QueryParam("level") String level,
                         @QueryParam("keyword") String keyword, @QueryParam("requestId") String requestId,
                         @QueryParam("date") String date, @Context HttpHeaders headers) {
        AuditSearch search = AuditSearch.ofLegacy(type, level, keyword, requestId, date, zone);
        return Envelope.ok(LegacyPage.of(audit.search(search, pages.pageAndSize(page, size)), SystemLogJson::of),
                LegacyResponses.english(headers));
    }

    @GET
    @Path("getSystemLogDetail/{id}")
    @Operation(summary = "获取系统日志详情: the row with its redacted query string, request body and response body")
    public Envelope detail(@PathParam("id") String id, @Context HttpHeaders headers) {
        AuditRecord r = audit.open(Params.requiredId(id, "id"));
        SystemLogJson s = SystemLogJson.of(r);
        String queryString = null;
        String requestBody = r.entry().detail();
        if (requestBody != null) {
            try {
                // detail is {"query":{…},"body":…}; a row cut at its size limit is no longer JSON and is shown raw
                JsonNode detail = mapper.readTree(requestBody);
                queryString = queryString(detail.get("query"));
                JsonNode body = detail.get("body");
                requestBody = body == null ? null : body.isTextual() ? body.asText() : body.toString();
            } catch (JsonProcessingException truncated) {
                // keep the raw text
            }
        }
        return Envelope.ok(new SystemLogDetailJson(s.id(), s.requestId(), s.logType(), s.level(), s.method(), s.uri(),
                s.clientIp(), s.operator(), s.authType(), s.httpStatus(), s.businessCode(), s.businessMessage(),
                s.durationMs(), s.content(), s.userAgent(), s.createTime(), queryString, requestBody,
                r.entry().responseBody()), LegacyResponses.english(headers));
    }

    private static String legacyAuthType(AuditEntry.ActorType type) {
        return switch (type) {
            case ADMIN -> "ADMIN";
            case API_KEY -> "PUBLIC_API";
            case ANONYMOUS -> "ANONYMOUS";
        };
    }

    private static String queryString(JsonNode query) {
        if (query == null || !query.isObject()) {
            return null;
        }
        StringJoiner out = new StringJoiner("&");
        query.fields().forEachRemaining(f -> out.add(f.getKey() + "=" + f.getValue().asText()));
        return out.toString();
    }
}
