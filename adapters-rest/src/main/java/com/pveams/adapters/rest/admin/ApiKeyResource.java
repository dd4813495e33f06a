package com.pveams.adapters.rest.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.access.ManageApiKeysUseCase;
import com.pveams.application.port.in.access.ManageApiKeysUseCase.ApiKeyView;
import com.pveams.application.port.in.access.ManageApiKeysUseCase.IssuedApiKey;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/API管理", description = "Keys of the public API")
public class ApiKeyResource {
    private final ManageApiKeysUseCase keys;
    private final PageParams pages;

    @Inject
    public ApiKeyResource(ManageApiKeysUseCase keys, PageParams pages) {
        this.keys = keys;
        this.pages = pages;
    }

    public record InsertBody(String info) {
    }

    /** status: 0 enabled, 1 disabled (legacy vocabulary). */
    @RegisterForReflection
    public record ApiKeyJson(long id, String appid, String appkey, String info, int status, long createDate) {
        static ApiKeyJson of(ApiKeyView k) {
            return new ApiKeyJson(k.id(), k.appId(), k.shownAppKey(), k.info(), k.enabled() ? 0 : 1, k.createdAt().toEpochMilli());
        }

        static ApiKeyJson of(IssuedApiKey k) {
            return new ApiKeyJson(k.id(), k.appId(), k.appKey(), k.info(), k.enabled() ? 0 : 1, k.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("insertApiKey")
    @Operation(summary = "添加API key: the appkey is in this response, and in selectApiByPage unless ams.api-keys.reveal is false")
    public Envelope insert(InsertBody body, @Context HttpHeaders headers) {
        IssuedApiKey key = keys.create(body == null ? null : body.info());
        return Envelope.ok(ApiKeyJson.of(key), LegacyResponses.english(headers));
    }

    @GET
    @Path("selectApiByPage")
    @Operation(summary = "分页获取API信息 (page, size); full appkeys (ams.api-keys.reveal), masked when off or for keys stored before it")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        PageRequest request = pages.pageAndSize(page, size);
        return Envelope.ok(LegacyPage.of(keys.list(request), ApiKeyJson::of), LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteApi")
    @Operation(summary = "删除指定ID的API key (id query parameter; also POST)")
    public Envelope delete(@QueryParam("id") String id, @Context HttpHeaders headers) {
        keys.delete(Params.requiredId(id, "id"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @PUT
    @Path("disableApi/{id}")
    @Operation(summary = "停用指定API (also POST); takes effect on the next request")
    public Envelope disable(@PathParam("id") String id, @Context HttpHeaders headers) {
        keys.disable(Params.requiredId(id, "id"));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }

    @PUT
    @Path("enableApi/{id}")
    @Operation(summary = "启用指定API (also POST)")
    public Envelope enable(@PathParam("id") String id, @Context HttpHeaders headers) {
        keys.enable(Params.requiredId(id, "id"));
        return Envelope.ok(null, LegacyResponses.english(headers));
    }
}
