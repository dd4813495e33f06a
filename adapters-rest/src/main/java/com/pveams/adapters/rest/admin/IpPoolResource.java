package com.pveams.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.pveams.adapters.rest.OpenApiDefinition;
import com.pveams.adapters.rest.audit.Audited;
import com.pveams.adapters.rest.legacy.Bodies;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.LegacyPage;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.adapters.rest.legacy.PageParams;
import com.pveams.adapters.rest.legacy.Params;
import com.pveams.adapters.rest.security.AdminApi;
import com.pveams.application.port.in.ippool.AddressView;
import com.pveams.application.port.in.ippool.IpPoolQuery;
import com.pveams.application.port.in.ippool.IpPoolView;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase.AddRange;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase.CreatePoolByMask;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase.UpdatePool;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.ippool.AddressEdit;
import io.quarkus.runtime.annotations.RegisterForReflection;
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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The contract's IP池管理 section. */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/IP池管理", description = "IP pools and their addresses")
public class IpPoolResource {
    private final ManageIpPoolsUseCase manage;
    private final IpPoolQuery query;
    private final PageParams pages;

    @Inject
    public IpPoolResource(ManageIpPoolsUseCase manage, IpPoolQuery query, PageParams pages) {
        this.manage = manage;
        this.query = query;
        this.pages = pages;
    }

    public record MaskBody(String poolName, @JsonAlias("nodeid") Long nodeId, String gateway, Integer mask,
                           String dns1, String dns2, Integer ipVersion) {
    }

    public record RangeBody(@JsonAlias("poolid") Long poolId, String startIp, String endIp, String dns1, String dns2) {
    }

    /** The pool as selectIpPoolList returns it; the UI sends the same shape back (with {@code nodeid}). */
    public record PoolBody(Long id, String name, String gateway, Integer mask, String dns1, String dns2,
                           @JsonProperty("nodeid") @JsonAlias("nodeId") Long nodeId) {
    }

    public record AddressBody(Long id, Integer status, Long vmId, String ip, Long poolId, Long nodeId, String gateway,
                              String subnetMask, String dns1, String dns2) {
    }

    /**
     * Legacy {@code ipstatus} field names. {@code mask} is the prefix length for IPv4 and IPv6; {@code disable}
     * counts disabled addresses only (the legacy also counted used ones).
     */
    @RegisterForReflection
    public record PoolJson(long id, String name, long nodeid, int ipVersion, String gateway, int mask, String dns1,
                           String dns2, BigInteger available, long used, long disable) {
        static PoolJson of(IpPoolView p) {
            return new PoolJson(p.id(), p.name(), p.nodeId(), p.ipVersion(), p.gateway(), p.mask(), p.dns1(), p.dns2(),
                    p.available(), p.used(), p.disabled());
        }
    }

    /** Legacy {@code ippool} field names; {@code vmId} is the holder's PVE VMID. */
    @RegisterForReflection
    public record AddressJson(long id, long nodeId, Long vmId, long poolId, String ip, String subnetMask,
                              String gateway, String dns1, String dns2, int status) {
        static AddressJson of(AddressView a) {
            return new AddressJson(a.id(), a.nodeId(), a.vmId(), a.poolId(), a.ip(), a.subnetMask(), a.gateway(),
                    a.dns1(), a.dns2(), a.status());
        }
    }

    @POST
    @Path("insertIpPoolByMask")
    @Operation(summary = "根据掩码位批量插入IP: creates the pool; IPv4 lists every host of the gateway's network but the gateway, IPv6 stores the prefix only")
    public Envelope insertByMask(MaskBody body, @Context HttpHeaders headers) {
        MaskBody b = Bodies.require(body);
        IpPoolView pool = manage.createByMask(CreatePoolByMask.of(b.poolName(), b.nodeId(), b.gateway(), b.mask(),
                b.ipVersion(), b.dns1(), b.dns2()));
        return Envelope.ok(PoolJson.of(pool), LegacyResponses.english(headers));
    }

    @POST
    @Path("insertIpPoolByRange")
    @Operation(summary = "根据IP范围批量插入IP: adds start..end to an IPv4 pool; overlaps with listed addresses are refused")
    public Envelope insertByRange(RangeBody body, @Context HttpHeaders headers) {
        RangeBody b = Bodies.require(body);
        IpPoolView pool = manage.addRange(AddRange.of(b.poolId(), b.startIp(), b.endIp(), b.dns1(), b.dns2()));
        return Envelope.ok(PoolJson.of(pool), LegacyResponses.english(headers));
    }

    @GET
    @Path("selectIpPoolList")
    @Operation(summary = "分页查询IP池列表 (page, size) with live counters")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(query.list(pages.pageAndSize(page, size)), PoolJson::of),
                LegacyResponses.english(headers));
    }

    @GET
    @Path("selectIpListByPoolId")
    @Operation(summary = "查询指定IP池下的IP列表 (poolid, page, size)")
    public Envelope addresses(@QueryParam("poolid") String poolId, @QueryParam("page") String page,
                              @QueryParam("size") String size, @Context HttpHeaders headers) {
        long id = Params.requiredId(poolId, "poolid");
        return Envelope.ok(LegacyPage.of(query.addresses(id, pages.pageAndSize(page, size)), AddressJson::of),
                LegacyResponses.english(headers));
    }

    @PUT
    @Path("updateIpPool")
    @Operation(summary = "更新IP池信息 (also POST): name, DNS and the gateway within the network; mask and node cannot change")
    public Envelope update(PoolBody body, @Context HttpHeaders headers) {
        PoolBody b = Bodies.require(body);
        IpPoolView pool = manage.update(UpdatePool.of(b.id(), b.name(), b.gateway(), b.mask(), b.dns1(), b.dns2(), b.nodeId()));
        return Envelope.ok(PoolJson.of(pool), LegacyResponses.english(headers));
    }

    @PUT
    @Path("updateIp")
    @Operation(summary = "修改IP信息 (batch, also POST): status 0 free / 2 disabled; all rows or none")
    public Envelope updateAddresses(List<AddressBody> body, @Context HttpHeaders headers) {
        List<AddressBody> rows = Bodies.require(body);
        List<AddressEdit> edits = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            AddressBody r = rows.get(i);
            if (r == null || r.id() == null) {
                throw DomainException.required("[" + i + "].id");
            }
            edits.add(new AddressEdit(r.id(), r.status(), r.vmId(), r.ip(), r.poolId(), r.nodeId(), r.gateway(),
                    r.subnetMask(), r.dns1(), r.dns2()));
        }
        int n = manage.updateAddresses(edits);
        return Envelope.ok(n, LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteIpPool/{poolId}")
    @Operation(summary = "删除指定IP池: refused (1028) while a VM holds one of its addresses")
    public Envelope delete(@PathParam("poolId") String poolId, @Context HttpHeaders headers) {
        manage.delete(Params.requiredId(poolId, "poolId"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }
}
