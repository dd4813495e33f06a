package com.pveams.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatesTest {

    @Test
    void nearestRankPercentilesOfUnsortedSamples() {
        long[] s = new long[100];
        for (int i = 0; i < 100; i++) {
            s[i] = 100 - i; // 100..1, unsorted on purpose
        }
        assertEquals(50, Rates.percentile(s, 50));
        assertEquals(95, Rates.percentile(s, 95));
        assertEquals(99, Rates.percentile(s, 99));
        assertEquals(100, Rates.percentile(s, 100));
        assertEquals(1, Rates.percentile(s, 0));
        assertEquals(100, Rates.max(s));
        assertEquals(100, s[0], "the samples are not sorted in place");
    }

    @Test
    void aSmallSampleRoundsTheRankUp() {
        long[] s = {30, 10, 20};
        assertEquals(20, Rates.percentile(s, 50)); // rank ceil(1.5) = 2
        assertEquals(30, Rates.percentile(s, 95)); // rank ceil(2.85) = 3
        assertThrows(IllegalArgumentException.class, () -> Rates.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Rates.percentile(s, 101));
    }

    @Test
    void ratesPerSecondAndPerMinute() {
        assertEquals(100.0, Rates.perMinute(100, 60_000_000_000L), 1e-9);
        assertEquals(50.0, Rates.perSecond(100, 2_000_000_000L), 1e-9);
        assertEquals(5_000_000, Rates.intervalNanos(200));
        assertEquals(1, Rates.intervalNanos(5e9), "never a zero interval");
        assertThrows(IllegalArgumentException.class, () -> Rates.perSecond(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Rates.intervalNanos(0));
    }

    @Test
    void aStepIsSustainedOnlyWithoutErrorsKeepingUpAndUnderTheP99Bound() {
        long bound = 250_000_000;
        assertTrue(Rates.sustained(100, 96, 0, 10_000_000, bound));
        assertFalse(Rates.sustained(100, 94, 0, 10_000_000, bound), "fell behind the offered rate");
        assertFalse(Rates.sustained(100, 100, 1, 10_000_000, bound), "an error");
        assertFalse(Rates.sustained(100, 100, 0, bound + 1, bound), "a backlog shows in the p99");
    }

    @Test
    void units() {
        assertEquals(1.5, Rates.millis(1_500_000), 1e-12);
        assertEquals(2.0, Rates.mib(2048), 1e-12);
    }
}
