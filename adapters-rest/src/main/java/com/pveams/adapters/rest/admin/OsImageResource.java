package com.pveams.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.image.DownloadOsImageUseCase;
import com.pveams.application.port.in.image.DownloadOsImageUseCase.DownloadCommand;
import com.pveams.application.port.in.image.ManageOsImagesUseCase;
import com.pveams.application.port.in.image.ManageOsImagesUseCase.DefineImageCommand;
import com.pveams.application.port.in.image.ManageOsImagesUseCase.ReviseImageCommand;
import com.pveams.application.port.in.image.OsCatalogueUseCase;
import com.pveams.application.port.in.image.OsCatalogueUseCase.CataloguePage;
import com.pveams.application.port.in.image.OsImageView;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.image.ImageField;
import com.pveams.domain.image.ImageSpec;
import com.pveams.domain.image.ImageStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/OS管理", description = "OS images, the online catalogue and downloads to nodes")
public class OsImageResource {
    private final ManageOsImagesUseCase images;
    private final OsCatalogueUseCase catalogue;
    private final DownloadOsImageUseCase downloads;
    private final PageParams pages;

    @Inject
    public OsImageResource(ManageOsImagesUseCase images, OsCatalogueUseCase catalogue, DownloadOsImageUseCase downloads,
                           PageParams pages) {
        this.images = images;
        this.catalogue = catalogue;
        this.downloads = downloads;
        this.pages = pages;
    }

    /**
     * insertOs / updateOs body. {@code cloud} is 0/1 (or true/false); {@code checksumAlgorithm} (SHA256, SHA512)
     * and {@code checksum} are optional additions: a download whose file differs is not usable.
     */
    public record OsBody(Long id, String name, String fileName, String type, String arch, String osType, Integer downType,
                         String url, String path, Boolean cloud, String size, Integer status, String checksumAlgorithm,
                         String checksum) {
        ImageSpec spec(Integer downloadType) {
            return ImageSpec.of(name, fileName, type, arch, osType, downloadType, url, path, Boolean.TRUE.equals(cloud),
                    ImageChecksum.ofNullable(blankToNull(checksumAlgorithm), blankToNull(checksum)));
        }
    }

    public record OsIdBody(Long osId) {
    }

    public record DownloadBody(Long osId, Long nodeId) {
    }

    public record ActivateBody(String fileName) {
    }

    /** An image as the admin UI reads it (legacy {@code os} fields; {@code nodeStatus} null until sent to a node). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OsJson(long id, String name, String fileName, String type, String arch, String osType,
                         Map<String, NodeStatusJson> nodeStatus, int downType, String url, String size, String path,
                         int cloud, int status, String reason, String checksumAlgorithm, String checksum, long createTime) {
        static OsJson of(OsImageView v) {
            Map<String, NodeStatusJson> nodes = null;
            if (!v.nodes().isEmpty()) {
                nodes = new LinkedHashMap<>();
                int i = 0;
                for (OsImageView.NodeFile f : v.nodes()) {
                    nodes.put(Integer.toString(i++), new NodeStatusJson(f.nodeId(), f.nodeName(), f.progress(), f.state(),
                            f.updatedAt() == null ? null : f.updatedAt().toEpochMilli(), f.reason(), f.method()));
                }
            }
            return new OsJson(v.id(), v.name(), v.fileName(), v.type(), v.arch(), v.osType(), nodes, v.downType(), v.url(),
                    v.size(), v.path(), v.cloudInit() ? 1 : 0, v.status(), v.reason(), v.checksumAlgorithm(), v.checksum(),
                    v.createdAt().toEpochMilli());
        }
    }

    /** One node's file: status 0 not downloaded, 1 downloading, 2 downloaded, 3 failed; schedule = progress 0–100. */
    @RegisterForReflection
    public record NodeStatusJson(long nodeId, String nodeName, int schedule, int status, Long updateTime, String reason,
                                 String method) {
    }

    @GET
    @Path("selectOsByOnline")
    @Operation(summary = "获取在线系统列表 (page, size): the configured catalogue, or the shipped copy when offline")
    public Envelope online(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        CataloguePage p = catalogue.browse(pages.pageAndSize(page, size));
        List<Map<String, Object>> data = p.items().stream().map(OsImageResource::catalogueItem).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", p.page());
        out.put("size", p.size());
        out.put("total", p.total());
        out.put("totalPage", p.totalPage());
        out.put("data", data);
        return Envelope.ok(out, LegacyResponses.english(headers));
    }

    private static Map<String, Object> catalogueItem(OsCatalogueUseCase.Item i) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("url", i.url());
        entry.put("cloud-int", i.cloudInit() ? 1 : 0);
        entry.put("type", i.type());
        entry.put("arch", i.arch());
        entry.put("osType", i.osType());
        if (i.checksum() != null) {
            entry.put("checksumAlgorithm", i.checksumAlgorithm());
            entry.put("checksum", i.checksum());
        }
        if (i.checksumsUrl() != null) {
            entry.put("checksumsUrl", i.checksumsUrl());
        }
        entry.put("nodeData", i.activated().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", a.status());
            m.put("osId", a.osId());
            m.put("size", a.size());
            m.put("path", a.path());
            m.put("createTime", a.createdAt().toEpochMilli());
            return m;
        }).toList());
        Map<String, Object> keyed = new LinkedHashMap<>();
        keyed.put(i.fileName(), entry);
        return keyed;
    }

    @POST
    @Path("insertOs")
    @Operation(summary = "手动新增OS")
    public Envelope insert(OsBody body, @Context HttpHeaders headers) {
        OsBody b = Bodies.require(body);
        images.define(new DefineImageCommand(b.spec(b.downType())));
        return Envelope.done(headers, "添加成功", "Added");
    }

    @GET
    @Path("selectOsByPage")
    @Operation(summary = "分页获取已添加OS (page, size), newest first")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(images.list(pages.pageAndSize(page, size)), OsJson::of), LegacyResponses.english(headers));
    }

    @GET
    @Path("selectOsByPageAndCondition")
    @Operation(summary = "分页带条件获取已添加os (page, size, param, value): param is one of name, fileName, type, arch,"
            + " osType, downType, url, path, cloud; text matches anywhere, ignoring case")
    public Envelope search(@QueryParam("page") String page, @QueryParam("size") String size,
                           @QueryParam("param") String param, @QueryParam("value") String value, @Context HttpHeaders headers) {
        ImageField.Filter filter = ImageField.filter(param, value);
        return Envelope.ok(LegacyPage.of(images.search(filter, pages.pageAndSize(page, size)), OsJson::of),
                LegacyResponses.english(headers));
    }

    @POST
    @Path("downloadOs")
    @Operation(summary = "下载镜像 {osId, nodeId}: starts a background download; progress shows in nodeStatus")
    public Envelope download(DownloadBody body, @Context HttpHeaders headers) {
        DownloadBody b = Bodies.require(body);
        DownloadOsImageUseCase.Started started = downloads.start(new DownloadCommand(required(b.osId(), "osId"),
                required(b.nodeId(), "nodeId")));
        boolean en = LegacyResponses.english(headers);
        return Envelope.ok(started.background() ? (en ? "Download started" : "开始下载") : (en ? "Recorded" : "已记录"), en);
    }

    @POST
    @Path("activeOsByOnline")
    @Operation(summary = "激活在线OS {fileName}: adds the catalogue entry as an image")
    public Envelope activate(ActivateBody body, @Context HttpHeaders headers) {
        catalogue.activate(Bodies.require(body).fileName());
        return Envelope.done(headers, "激活成功", "Activated");
    }

    @DELETE
    @Path("deleteOs")
    @Operation(summary = "删除os: DELETE with the JSON body {osId} (osId as a query parameter also works)")
    public Envelope delete(OsIdBody body, @QueryParam("osId") String osId, @Context HttpHeaders headers) {
        long id = body != null && body.osId() != null ? required(body.osId(), "osId") : Params.requiredId(osId, "osId");
        images.delete(id);
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("updateOs")
    @Operation(summary = "修改os (also POST): downType and size cannot change")
    public Envelope update(OsBody body, @Context HttpHeaders headers) {
        OsBody b = Bodies.require(body);
        long id = required(b.id(), "id");
        // the stored download type is kept; the one sent is only compared with it
        ImageSpec spec = b.spec(b.downType() == null ? 1 : b.downType());
        ImageStatus status = b.status() == null ? null : ImageStatus.of(b.status(), "status");
        images.revise(new ReviseImageCommand(id, spec, b.downType(), b.size(), status));
        return Envelope.done(headers, "修改成功", "Updated");
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
