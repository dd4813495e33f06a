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
import com.pveams.application.port.in.node.ManageNodesUseCase;
import com.pveams.application.port.in.node.NodeForm;
import com.pveams.application.port.in.node.NodeInsightQuery;
import com.pveams.application.port.in.node.NodeView;
import com.pveams.application.port.in.node.RegisterNodeCommand;
import com.pveams.application.port.in.node.UpdateNodeCommand;
import com.pveams.domain.node.LoadHistory;
import com.pveams.domain.node.SecretInput;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 节点池管理 with 网卡管理 and 负载信息, plus the two region endpoints that list and bind nodes. */
@Path("/{adminPath}")
@AdminApi
@Audited
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.ADMIN_JWT)
@Tag(name = "后台/节点池管理", description = "PVE nodes")
public class NodeResource {
    private final ManageNodesUseCase nodes;
    private final NodeInsightQuery insight;
    private final PageParams pages;

    @Inject
    public NodeResource(ManageNodesUseCase nodes, NodeInsightQuery insight, PageParams pages) {
        this.nodes = nodes;
        this.insight = insight;
        this.pages = pages;
    }

    /**
     * The legacy {@code Master} form. Besides the legacy fields: {@code tokenId} (API token login, {@code password}
     * is then the token secret), {@code sshHost}, {@code sshPrivateKey}, {@code tlsFingerprint} and
     * {@code sshHostKey} (expected pins), {@code imageDir}, {@code backupStorage}. {@code controllerPort} and
     * {@code naton} are accepted and ignored (there is no agent; NAT is switched on by its own set-up).
     */
    public record NodeBody(Long id, String name, Long area, String host, Integer port, String username, String password,
                           String realm, String tokenId, String nodeName, String sshHost, Integer sshPort,
                           String sshUsername, String sshPassword, String sshPrivateKey, Integer status,
                           Integer controllerPort, String tlsFingerprint, String sshHostKey, String imageDir,
                           String backupStorage, String nataddr, String natbridge, Long natippool, Integer naton) {
        NodeForm form() {
            return new NodeForm(name, area, host, port, username, password, realm, tokenId, nodeName, sshHost, sshPort,
                    sshUsername, sshPassword, sshPrivateKey, status, tlsFingerprint, sshHostKey, imageDir, backupStorage,
                    nataddr, natbridge, natippool);
        }

        @Override
        public String toString() {
            return "NodeBody[" + id + ", " + host + "]";
        }
    }

    public record AreaBinding(Long id, Long area) {
    }

    public record PinBody(String fingerprint) {
    }

    /**
     * A node as the admin UI reads it. Secrets are never returned: {@code password}, {@code sshPassword} and the
     * legacy {@code ticket}/{@code csrfToken} show the mask. {@code controllerStatus} is SSH reachability.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NodeJson(long id, String name, Long area, String host, int port, String username, String password,
                           String realm, String tokenId, String authMode, int status, String csrfToken, String ticket,
                           String nodeName, String autoStorage, String backupStorage, String sshHost, int sshPort,
                           String sshUsername, String sshPassword, String sshAuthMode, Integer controllerStatus,
                           int naton, String natbridge, String nataddr, long natippool, String tlsTrust,
                           String tlsFingerprint, String sshHostKey, String cluster, String imageDir, long createDate) {
        static NodeJson of(NodeView v) {
            return new NodeJson(v.id(), v.name(), v.regionId(), v.host(), v.apiPort(), v.username(), SecretInput.MASK,
                    v.realm(), v.tokenId(), v.authKind(), v.status(), SecretInput.MASK, SecretInput.MASK,
                    v.pveNodeName(), v.autoStorage(), v.backupStorage(), v.sshHost(), v.sshPort(), v.sshUsername(),
                    SecretInput.MASK, v.sshAuthKind(), v.controllerStatus(), v.natEnabled() ? 1 : 0, v.natBridge(),
                    v.natAddress(), v.natPoolId(), v.tlsTrust(), v.tlsFingerprint(), v.sshHostKey(), v.cluster(),
                    v.imageDir(), v.createdAt().toEpochMilli());
        }
    }

    @POST
    @Path("insertNodeMaster")
    @Operation(summary = "添加PVE主控节点: checks TLS (pinned), PVE login, node name, cluster and SSH before saving")
    public Envelope insert(NodeBody body, @Context HttpHeaders headers) {
        nodes.register(RegisterNodeCommand.of(Bodies.require(body).form()));
        return Envelope.done(headers, "添加成功！", "Node added");
    }

    @GET
    @Path("selectNodeByPage")
    @Operation(summary = "分页获取集群节点列表 (page, size); secrets masked")
    public Envelope list(@QueryParam("page") String page, @QueryParam("size") String size, @Context HttpHeaders headers) {
        return Envelope.ok(LegacyPage.of(nodes.list(pages.pageAndSize(page, size)), NodeJson::of),
                LegacyResponses.english(headers));
    }

    @PUT
    @Path("updateNodeInfo")
    @Operation(summary = "修改集群节点信息 (also POST): '**********' or no value keeps a secret; connection changes are re-checked")
    public Envelope update(NodeBody body, @Context HttpHeaders headers) {
        NodeBody b = Bodies.require(body);
        NodeView v = nodes.update(UpdateNodeCommand.of(b.id(), b.form()));
        return Envelope.ok(NodeJson.of(v), LegacyResponses.english(headers));
    }

    @DELETE
    @Path("deleteNodeById")
    @Operation(summary = "删除指定ID节点 (nodeId); refused with 1025 while VMs remain")
    public Envelope delete(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        nodes.delete(Params.requiredId(nodeId, "nodeId"));
        return Envelope.done(headers, "删除成功", "Deleted");
    }

    @GET
    @Path("getNodeCount")
    @Operation(summary = "获取节点总数")
    public Envelope count(@Context HttpHeaders headers) {
        return Envelope.ok(nodes.count(), LegacyResponses.english(headers));
    }

    @PUT
    @Path("addNodeToArea")
    @Operation(summary = "添加某节点到指定地区 {id, area} (also POST)")
    public Envelope bindToRegion(AreaBinding body, @Context HttpHeaders headers) {
        AreaBinding b = Bodies.require(body);
        nodes.moveToRegion(Params.requiredId(b.id() == null ? null : b.id().toString(), "id"),
                Params.requiredId(b.area() == null ? null : b.area().toString(), "area"));
        return Envelope.done(headers, "添加成功", "Added");
    }

    @GET
    @Path("getNodeListByArea")
    @Operation(summary = "获取指定地区的节点列表 (area, page, size); secrets masked")
    public Envelope listByRegion(@QueryParam("area") String area, @QueryParam("page") String page,
                                 @QueryParam("size") String size, @Context HttpHeaders headers) {
        long region = Params.requiredId(area, "area");
        return Envelope.ok(LegacyPage.of(nodes.listByRegion(region, pages.pageAndSize(page, size)), NodeJson::of),
                LegacyResponses.english(headers));
    }

    @PUT
    @Path("node/{id}/repinCertificate")
    @Operation(summary = "Addition to the contract: trust the node's current TLS certificate after a deliberate change"
            + " (optional body {fingerprint}: it must be that one); the PVE login is checked with it first (also POST)")
    public Envelope repinCertificate(@PathParam("id") String id, PinBody body, @Context HttpHeaders headers) {
        NodeView v = nodes.repinCertificate(Params.requiredId(id, "id"), body == null ? null : body.fingerprint());
        return Envelope.ok(NodeJson.of(v), LegacyResponses.english(headers));
    }

    @PUT
    @Path("node/{id}/repinHostKey")
    @Operation(summary = "Addition to the contract: trust the node's current SSH host key after a deliberate change"
            + " (optional body {fingerprint}: SHA256:…); the SSH login is checked with it first (also POST)")
    public Envelope repinHostKey(@PathParam("id") String id, PinBody body, @Context HttpHeaders headers) {
        NodeView v = nodes.repinHostKey(Params.requiredId(id, "id"), body == null ? null : body.fingerprint());
        return Envelope.ok(NodeJson.of(v), LegacyResponses.english(headers));
    }

    // ------------------------------------------------------------------------------------- 负载信息 / 网卡管理

    @GET
    @Path("getNodeInfoByOne")
    @Operation(summary = "查询单个节点状态 (nodeId): PVE's node status")
    public Envelope status(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        NodeInsightQuery.StatusReport s = insight.status(Params.requiredId(nodeId, "nodeId"));
        Map<String, Object> d = new LinkedHashMap<>();
        NodeInsightQuery.Cpu c = s.cpuinfo();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("flags", c.flags());
        cpu.put("model", c.model());
        cpu.put("sockets", c.sockets());
        cpu.put("user_hz", c.userHz());
        cpu.put("mhz", c.mhz());
        cpu.put("cpus", c.cpus());
        cpu.put("hvm", c.hvm());
        cpu.put("cores", c.cores());
        d.put("cpuinfo", cpu);
        d.put("wait", s.ioWait());
        d.put("memory", Map.of("free", s.memory().free(), "total", s.memory().total(), "used", s.memory().used()));
        d.put("idle", s.idle());
        d.put("ksm", Map.of("shared", s.ksmShared()));
        d.put("loadavg", s.loadavg());
        d.put("kversion", s.kversion());
        d.put("cpu", s.cpu());
        d.put("rootfs", Map.of("avail", s.rootfs().avail(), "used", s.rootfs().used(), "free", s.rootfs().free(),
                "total", s.rootfs().total()));
        d.put("swap", Map.of("total", s.swap().total(), "free", s.swap().free(), "used", s.swap().used()));
        d.put("pveversion", s.pveversion());
        d.put("uptime", s.uptime());
        return Envelope.ok(d, LegacyResponses.english(headers));
    }

    @GET
    @Path("getNodeLoadAvg")
    @Operation(summary = "获取指定节点负载信息 (nodeId, timeframe hour|day|week|month|year|decade, cf AVERAGE|MAX)")
    public Envelope load(@QueryParam("nodeId") String nodeId, @QueryParam("timeframe") String timeframe,
                         @QueryParam("cf") String cf, @Context HttpHeaders headers) {
        long id = Params.requiredId(nodeId, "nodeId");
        List<Map<String, Object>> rows = insight.load(id, LoadHistory.of(timeframe, cf)).stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>(p.values());
            row.put("time", p.time());
            return row;
        }).toList();
        return Envelope.ok(rows, LegacyResponses.english(headers));
    }

    @GET
    @Path("getPveNodeNetworkInfo")
    @Operation(summary = "获取节点网卡信息 (nodeId): PVE's network interfaces")
    public Envelope network(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        List<Map<String, Object>> rows = insight.network(Params.requiredId(nodeId, "nodeId")).stream().map(i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            putIfPresent(row, "iface", i.iface());
            putIfPresent(row, "type", i.type());
            row.put("active", i.active() ? 1 : 0);
            row.put("autostart", i.autostart() ? 1 : 0);
            putIfPresent(row, "cidr", i.cidr());
            putIfPresent(row, "address", i.address());
            putIfPresent(row, "netmask", i.netmask());
            putIfPresent(row, "gateway", i.gateway());
            putIfPresent(row, "cidr6", i.cidr6());
            putIfPresent(row, "gateway6", i.gateway6());
            putIfPresent(row, "bridge_ports", i.bridgePorts());
            if (i.vlanAware()) {
                row.put("bridge_vlan_aware", 1);
            }
            putIfPresent(row, "comments", i.comments());
            return row;
        }).toList();
        return Envelope.ok(rows, LegacyResponses.english(headers));
    }

    @GET
    @Path("getPveNodeInterfaces")
    @Operation(summary = "获取节点网卡配置文件信息 (nodeId): /etc/network/interfaces read over SSH")
    public Envelope interfacesFile(@QueryParam("nodeId") String nodeId, @Context HttpHeaders headers) {
        return Envelope.ok(insight.interfacesFile(Params.requiredId(nodeId, "nodeId")), LegacyResponses.english(headers));
    }

    private static void putIfPresent(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
