package com.pveams.adapters.rest.admin.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase.DeleteFileCommand;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase.FetchCommand;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase.FetchedFile;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase.HostStatusView;
import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase.ImageDirectoryView;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.maintenance.DiskSpace;
import com.pveams.domain.maintenance.HostLoad;
import com.pveams.domain.maintenance.NodeHostStatus;
import com.pveams.domain.maintenance.PveManagerVersion;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/**
 * Additions to the contract: the useful part of the legacy node agent ("受控端": /status, /version, /pathFile,
 * /deleteFile, /wget), done over SSH with nothing installed on the node and confined to the node's image directory.
 */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/节点维护", description = "Agentless node maintenance over SSH (replaces the legacy node agent)")
public class NodeMaintenanceResource {
    private final NodeMaintenanceUseCase maintenance;

    @Inject
    public NodeMaintenanceResource(NodeMaintenanceUseCase maintenance) {
        this.maintenance = maintenance;
    }

    public record FileBody(Long nodeId, String fileName) {
    }

    /** {@code checksumAlgorithm} (SHA256, SHA512) and {@code checksum} are optional, together. */
    public record FetchBody(Long nodeId, String url, String fileName, String checksumAlgorithm, String checksum) {
    }

    /** The report; numbers in bytes, seconds and epoch milliseconds; a value the node did not give is null. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HostStatusJson(long nodeId, String nodeName, String status, int healthy, long checkTime,
                                 String pveVersion, String pveBuild, String kernel, Long uptime, List<Double> loadAvg,
                                 String imageDir, Long imageDirTotal, Long imageDirUsed, Long imageDirFree,
                                 Integer imageDirUsedPercent, String imageDirMount, List<ToolJson> tools,
                                 List<ProblemJson> problems) {
        static HostStatusJson of(HostStatusView v) {
            NodeHostStatus s = v.status();
            PveManagerVersion pve = s.pve().orElse(null);
            HostLoad load = s.load().orElse(null);
            DiskSpace disk = s.imageDisk().orElse(null);
            return new HostStatusJson(v.nodeId(), v.nodeName(), "running", s.healthy() ? 1 : 0,
                    s.checkedAt().toEpochMilli(),
                    pve == null ? null : pve.release(), pve == null ? null : pve.build(),
                    s.runningKernel().orElse(null),
                    load == null ? null : load.uptime().toSeconds(),
                    load == null ? null : List.of(load.load1(), load.load5(), load.load15()),
                    s.imageDirectory(),
                    disk == null ? null : disk.totalBytes(), disk == null ? null : disk.usedBytes(),
                    disk == null ? null : disk.availableBytes(), disk == null ? null : disk.usedPercent(),
                    disk == null ? null : disk.mountPoint(),
                    s.tools().stream().map(t -> new ToolJson(t.name(), t.present() ? 1 : 0, t.version())).toList(),
                    s.problems().stream().map(p -> new ProblemJson(p.probe().check(), p.kind().name().toLowerCase(Locale.ROOT),
                            p.exitStatus())).toList());
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ToolJson(String name, int present, String version) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProblemJson(String check, String problem, Integer exitStatus) {
    }

    @RegisterForReflection
    public record FileJson(String name, long size, long modifyTime) {
    }

    @RegisterForReflection
    public record DirectoryJson(long nodeId, String nodeName, String path, List<FileJson> files) {
    }

    @RegisterForReflection
    public record DeletedJson(long nodeId, String fileName, int deleted) {
    }

    @RegisterForReflection
    public record FetchedJson(long nodeId, String fileName, String path, long size, String checksumAlgorithm,
                              String checksum) {
        static FetchedJson of(FetchedFile f) {
            return new FetchedJson(f.nodeId(), f.fileName(), f.path(), f.sizeBytes(), f.checksumAlgorithm(), f.checksum());
        }
    }

    @GET
    @Path("getNodeHostStatus")
    @Operation(summary = "节点状态与版本 (nodeId): PVE release, kernel, uptime and load, free space of the image"
            + " directory, and whether qemu-img, curl and timeout are installed (replaces the agent's /status and /version)")
    public Envelope hostStatus(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        HostStatusView v = maintenance.hostStatus(Params.requiredId(nodeId, "nodeId"));
        return Envelope.ok(HostStatusJson.of(v), LegacyResponses.english(headers));
    }

    @GET
    @Path("getNodeImageFiles")
    @Operation(summary = "节点镜像目录文件列表 (nodeId): the regular files of the node's image directory"
            + " (replaces the agent's /pathFile, which listed any directory)")
    public Envelope imageFiles(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        ImageDirectoryView v = maintenance.imageFiles(Params.requiredId(nodeId, "nodeId"));
        List<FileJson> files = v.files().stream()
                .map(f -> new FileJson(f.name(), f.sizeBytes(), f.modifiedAt().toEpochMilli())).toList();
        return Envelope.ok(new DirectoryJson(v.nodeId(), v.nodeName(), v.directory(), files), LegacyResponses.english(headers));
    }

    @POST
    @Path("deleteNodeImageFile")
    @Operation(summary = "删除节点镜像目录中的文件 {nodeId, fileName}: a plain file name inside the image directory"
            + " (replaces the agent's /deleteFile, which deleted any path); deleted = 0 when there was no such file")
    public Envelope deleteImageFile(FileBody body, @Context HttpHeaders headers) {
        FileBody b = Bodies.require(body);
        DeleteFileCommand command = DeleteFileCommand.of(required(b.nodeId(), "nodeId"), b.fileName());
        boolean deleted = maintenance.deleteImageFile(command);
        return Envelope.ok(new DeletedJson(command.nodeId(), command.fileName().value(), deleted ? 1 : 0),
                LegacyResponses.english(headers));
    }

    @POST
    @Path("downloadNodeImageFile")
    @Operation(summary = "下载文件到节点镜像目录 {nodeId, url, fileName?, checksumAlgorithm?, checksum?}: synchronous,"
            + " answers once the file is complete and verified; public http(s) sources only (replaces the agent's /wget)")
    public Envelope fetch(FetchBody body, @Context HttpHeaders headers) {
        FetchBody b = Bodies.require(body);
        FetchedFile f = maintenance.fetch(FetchCommand.of(required(b.nodeId(), "nodeId"), b.url(), b.fileName(),
                b.checksumAlgorithm(), b.checksum()));
        return Envelope.ok(FetchedJson.of(f), LegacyResponses.english(headers));
    }

    private static long required(Long value, String field) {
        if (value == null) {
            throw DomainException.required(field);
        }
        if (value < 1) {
            throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
        }
        return value;
    }
}
