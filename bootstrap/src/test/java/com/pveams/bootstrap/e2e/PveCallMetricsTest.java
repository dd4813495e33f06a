package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.SimulatedPve;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8 item 9: PVE call latency per node in {@code /q/metrics}, through the wired adapter: one histogram series
 * per node, method, path template and outcome, counting each HTTP exchange.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class PveCallMetricsTest {
    /** A node name no other test uses, so the counts are this test's alone. */
    private static final String NODE = "pvemetrics";
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE));
    static PveSimulator sim;

    @Inject
    HypervisorVms vms;

    @BeforeAll
    static void start() {
        sim = pve.sim();
        sim.addVm(NODE, 4242, "metered", 512, 1, true);
    }

    @Test
    void pveCallsAreTimedPerNodeMethodPathTemplateAndOutcome() {
        NodeEndpoint ep = sim.node(NODE).rootEndpoint();
        for (int i = 0; i < 3; i++) {
            vms.vmStatus(ep, 4242);
        }
        assertThrows(HypervisorException.class, () -> vms.vmConfig(ep, 4243));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(3.0, count(metrics, "GET", "/nodes/{node}/qemu/{vmid}/status/current", "ok"), metrics);
        assertEquals(1.0, count(metrics, "POST", "/access/ticket", "ok"));
        assertEquals(1.0, count(metrics, "GET", "/nodes/{node}/qemu/{vmid}/config", "http_5xx"));
        // a histogram: buckets for percentiles per node
        assertTrue(metrics.contains("ams_pve_call_duration_seconds_bucket{") && metrics.contains("node=\"" + NODE + "\""));
    }

    /** The {@code _count} of the series with these labels (label order as the registry prints it: sorted). */
    private static double count(String metrics, String method, String pathTemplate, String outcome) {
        Pattern line = Pattern.compile("(?m)^ams_pve_call_duration_seconds_count\\{method=\"" + Pattern.quote(method)
                + "\",node=\"" + NODE + "\",outcome=\"" + Pattern.quote(outcome) + "\",path_template=\""
                + Pattern.quote(pathTemplate) + "\",?} ([0-9.eE+]+)$");
        Matcher m = line.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
