package com.pveams.adapters.rest.admin;

import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.operation.OperationQuery;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.operation.Step;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The durable operations (VM create, reinstall, power…) with their steps: an addition to the legacy contract, in
 * its envelope and page shape. Times are epoch milliseconds, absent ones null. Reads only, so nothing is audited.
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/操作记录", description = "Durable operations and their steps (addition)")
public class OperationResource {
    private final OperationQuery operations;
    private final PageParams pages;

    @Inject
    public OperationResource(OperationQuery operations, PageParams pages) {
        this.operations = operations;
        this.pages = pages;
    }

    /** A row of the list: the operation and where it is. */
    @RegisterForReflection
    public record OperationJson(long id, String type, Long vmId, Long nodeId, String status, String error,
                                String requestedBy, int stepCount, Integer currentStep, String currentStepKind,
                                Long createTime, Long updateTime, Long finishTime, Long durationMs) {
        static OperationJson of(Operation o) {
            Step current = o.currentStep().orElse(null);
            return new OperationJson(o.id(), o.type(), o.vmId(), o.nodeId(), o.status().name(), o.error(),
                    o.requestedBy(), o.steps().size(), current == null ? null : current.ordinal(),
                    current == null ? null : current.kind(), millis(o.createdAt()), millis(o.updatedAt()),
                    millis(o.finishedAt()), between(o.createdAt(), o.finishedAt()));
        }
    }

    /** One step: attempts (run and undo), the PVE tasks, its lease, timings, last error and output. */
    @RegisterForReflection
    public record StepJson(long id, int ordinal, String kind, String status, int attempts, int maxAttempts,
                           int undoAttempts, String upid, String undoUpid, String leaseOwner, Long leaseUntil,
                           Long runAfter, Long startTime, Long finishTime, Long durationMs, String error,
                           Map<String, Object> output) {
        static StepJson of(Step s) {
            return new StepJson(s.id(), s.ordinal(), s.kind(), s.status().name(), s.attempts(), s.maxAttempts(),
                    s.undoAttempts(), s.upid(), s.undoUpid(), s.leaseOwner(), millis(s.leaseUntil()),
                    millis(s.runAfter()), millis(s.startedAt()), millis(s.finishedAt()),
                    between(s.startedAt(), s.finishedAt()), s.error(), s.output());
        }
    }

    /** One operation opened: the list fields, its parameters (never secrets) and its steps in order. */
    @RegisterForReflection
    public record OperationDetailJson(long id, String type, Long vmId, Long nodeId, String status, String error,
                                      String requestedBy, String idempotencyKey, int stepCount, Integer currentStep,
                                      String currentStepKind, Long createTime, Long updateTime, Long finishTime,
                                      Long durationMs, Map<String, Object> params, List<StepJson> steps) {
        static OperationDetailJson of(Operation o) {
            OperationJson r = OperationJson.of(o);
            return new OperationDetailJson(r.id(), r.type(), r.vmId(), r.nodeId(), r.status(), r.error(),
                    r.requestedBy(), o.idempotencyKey(), r.stepCount(), r.currentStep(), r.currentStepKind(),
                    r.createTime(), r.updateTime(), r.finishTime(), r.durationMs(), o.params(),
                    o.steps().stream().map(StepJson::of).toList());
        }
    }

    @GET
    @Path("getOperationPage")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "分页获取操作记录 (addition): page, size; status "
            + "PENDING|RUNNING|COMPENSATING|SUCCEEDED|FAILED|CANCELLED; type (CREATE_VM…); vmId; newest first")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size,
                         @QueryParam("status") String status, @QueryParam("type") String type,
                         @QueryParam("vmId") String vmId, @Context HttpHeaders headers) {
        OperationSearch search = OperationSearch.of(status, type, vmId);
        return Envelope.ok(LegacyPage.of(operations.search(search, pages.pageAndSize(page, size)), OperationJson::of),
                LegacyResponses.english(headers));
    }

    @GET
    @Path("getOperation/{id}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "获取操作详情 (addition): parameters and every "
            + "step with attempts, UPIDs, lease, timings, error and output")
    public Envelope detail(@PathParam("id") String id, @Context HttpHeaders headers) {
        return Envelope.ok(OperationDetailJson.of(operations.open(Params.requiredId(id, "id"))),
                LegacyResponses.english(headers));
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Long between(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }
}
