package com.pveams.bootstrap.support;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulated PVE of one end-to-end test class, as a {@code static} {@code @RegisterExtension} field: the simulator
 * is started before the class's {@code @BeforeAll} methods; its nodes' rows and an API key are made on first use
 * (the application is running by then); after the class's {@code @AfterAll} methods the simulator is stopped, the
 * node rows reaching it are disabled (also those the class registered its own way), and any request it saw that PVE's
 * schema refuses fails the class.
 * <p>
 * The rows are disabled, not deleted (the class's VMs and operations refer to them), so that later classes' jobs
 * that visit every node (reconciliation, node monitor) skip them instead of waiting on a closed port.
 */
public final class SimulatedPve implements BeforeAllCallback, AfterAllCallback {
    private final PveSimulator.Builder builder;
    private final Map<String, Long> nodeRows = new LinkedHashMap<>();
    private PveSimulator sim;
    private ApiKey apiKey;

    /** An application key of the public API: {@code appid} and {@code appkey} as insertApiKey answered them. */
    public record ApiKey(String appId, String appKey) {
    }

    /** @param builder the simulator as the class needs it (nodes, cluster name, task duration, tokens ...) */
    public SimulatedPve(PveSimulator.Builder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sim = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sim == null) {
            return;
        }
        List<String> violations = sim.schemaViolations();
        List<Integer> ports = sim.nodes().stream().map(SimNode::port).toList();
        sim.close();
        sim = null;
        if (Arc.container() != null && Arc.container().isRunning()) {
            // every row reaching this simulator, also those the class registered its own way (node management,
            // token logins, SQL)
            for (int port : ports) {
                inventory().execute("UPDATE node SET status = 2 WHERE (host LIKE '127.%' OR host = 'localhost')"
                        + " AND api_port = ?", port);
            }
        }
        assertEquals(List.of(), violations, "every request sent to PVE must be valid against its schema");
    }

    public PveSimulator sim() {
        if (sim == null) {
            throw new IllegalStateException("the simulator runs between the class's @BeforeAll and @AfterAll methods");
        }
        return sim;
    }

    /** The row of simulator node {@code pveNode} (no region), registered on the first call. */
    public long node(String pveNode) {
        return node(pveNode, null);
    }

    /**
     * The row of simulator node {@code pveNode}: password login as {@code root@pam}, certificate pinned, in
     * {@code regionId} (null = none); registered on the first call, later calls answer the same row.
     */
    public long node(String pveNode, Long regionId) {
        return nodeRows.computeIfAbsent(pveNode, n -> inventory().pveNode(regionId, sim().node(n).port(), n,
                Arc.container().instance(SecretCipher.class).get().encrypt(PveSimulator.ROOT_PASSWORD),
                sim().node(n).fingerprint()));
    }

    /** An API key of the class (insertApiKey with {@code info}), created on the first call. */
    public ApiKey apiKey(String info) {
        if (apiKey == null) {
            String root = Api.login("admin",
                    Api.initialAdminPassword(Arc.container().instance(DataDirectory.class).get().path()));
            JsonPath key = Api.admin(root).body(Map.of("info", info)).post("/admin/insertApiKey").then()
                    .body("code", equalTo(20000)).extract().jsonPath();
            apiKey = new ApiKey(key.getString("data.appid"), key.getString("data.appkey"));
        }
        return apiKey;
    }

    private static InventoryRows inventory() {
        return new InventoryRows(Arc.container().instance(DataSource.class).get());
    }
}
