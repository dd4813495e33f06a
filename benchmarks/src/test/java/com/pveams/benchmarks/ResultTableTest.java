package com.pveams.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTableTest {

    @Test
    void ratioReadsTheSameWayForUpperAndLowerBounds() {
        Figure latency = Figure.atMost("p99", 100, "ms", 50);
        assertEquals(2.0, latency.ratio(), 1e-9);
        assertFalse(latency.met());
        Figure rate = Figure.atLeast("rate", 300, "req/s", 600);
        assertEquals(2.0, rate.ratio(), 1e-9, "half the required rate is twice as bad");
        assertFalse(rate.met());
        Figure fast = Figure.atMost("ready", 1500, "ms", 3000);
        assertEquals(0.5, fast.ratio(), 1e-9);
        assertTrue(fast.met());
        assertTrue(Figure.atLeast("exact", 600, "req/s", 600).met(), "meeting the target exactly counts");
        assertEquals(Double.POSITIVE_INFINITY, Figure.atLeast("none", 0, "req/s", 600).ratio());
    }

    @Test
    void recordedAndUnmeasuredRowsHaveNoVerdict() {
        Figure share = Figure.recorded("postgres", 40, "MiB", "sum");
        assertNull(share.ratio());
        assertNull(share.met());
        Figure nativeRow = Figure.notMeasured("native", "ms", 3000.0, Figure.Goal.AT_MOST, "not built");
        assertNull(nativeRow.ratio());
        assertNull(nativeRow.met());
    }

    @Test
    void theTableShowsValueTargetRatioAndVerdict() {
        ResultTable t = new ResultTable();
        t.add(Figure.atMost("getVmByPage p99 at 200 rps", 123.456, "ms", 50));
        t.add(Figure.atLeast("status rate", 7500, "req/s", 6000));
        t.add(Figure.notMeasured("native", "ms", 3000.0, Figure.Goal.AT_MOST, "not built: no GraalVM | here"));
        String[] lines = t.format().split("\n");
        assertEquals("| getVmByPage p99 at 200 rps | 123 | ms | <= 50.0 | 2.47 | NO |  |", lines[2]);
        assertEquals("| status rate | 7,500 | req/s | >= 6,000 | 0.80 | yes |  |", lines[3]);
        assertEquals("| native | - | ms | <= 3,000 | - | - | not built: no GraalVM / here |", lines[4],
                "a pipe in a note would break the Markdown row");
    }

    @Test
    void numbersAreRoundedByMagnitude() {
        assertEquals("1,235", ResultTable.number(1234.6));
        assertEquals("12.3", ResultTable.number(12.34));
        assertEquals("1.23", ResultTable.number(1.2345));
        assertEquals("0.0123", ResultTable.number(0.012345));
        assertEquals("-", ResultTable.number(null));
    }

    @Test
    void jsonCarriesEveryFieldAndTheEnvironment() throws Exception {
        ResultTable t = new ResultTable();
        t.add(Figure.atMost("ready", 4500, "ms", 3000));
        t.add(Figure.recorded("postgres", 40, "MiB", null));
        JsonNode j = new ObjectMapper().readTree(t.toJson(Map.of("nproc", "2")));
        assertEquals("2", j.get("environment").get("nproc").asText());
        JsonNode ready = j.get("figures").get(0);
        assertEquals("ready", ready.get("name").asText());
        assertEquals(4500.0, ready.get("value").asDouble());
        assertEquals(3000.0, ready.get("target").asDouble());
        assertEquals("AT_MOST", ready.get("goal").asText());
        assertEquals(1.5, ready.get("ratio").asDouble(), 1e-9);
        assertFalse(ready.get("met").asBoolean());
        JsonNode pg = j.get("figures").get(1);
        assertTrue(pg.get("target").isNull());
        assertTrue(pg.get("met").isNull());
        assertTrue(pg.get("ratio").isNull());
    }
}
