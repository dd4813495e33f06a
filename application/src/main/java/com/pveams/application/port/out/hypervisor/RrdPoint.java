package com.pveams.application.port.out.hypervisor;

import java.util.Map;

/** One RRD sample: its time (epoch seconds) and the numeric series present at that time (e.g. cpu, netin). */
public record RrdPoint(long time, Map<String, Double> values) {
    public RrdPoint {
        values = Map.copyOf(values);
    }

    public double value(String series) {
        Double v = values.get(series);
        return v == null ? 0.0 : v;
    }
}
