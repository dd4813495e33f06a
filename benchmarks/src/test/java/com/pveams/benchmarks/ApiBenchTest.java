package com.pveams.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiBenchTest {

    @Test
    void pveTrafficNamesCallsAndNewConnections() {
        assertEquals("; PVE: 1464 calls on 113 new connections", ApiBench.pveTraffic(1464, 113));
    }

    @Test
    void aRunWithoutPveCallsAddsNothing() {
        assertEquals("", ApiBench.pveTraffic(0, 0));
    }
}
