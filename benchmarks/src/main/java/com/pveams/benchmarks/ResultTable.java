package com.pveams.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a run, as the printed table and as JSON. */
public final class ResultTable {
    private final List<Figure> figures = new ArrayList<>();

    public synchronized void add(Figure f) {
        figures.add(f);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** A number as the table shows it: thousands separated, at most three significant decimals below 10. */
    static String number(Double v) {
        if (v == null) {
            return "-";
        }
        if (v.isInfinite()) {
            return "inf";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String target(Figure f) {
        return f.target() == null ? "-" : f.goal().sign + " " + number(f.target());
    }

    static String ratio(Double r) {
        if (r == null) {
            return "-";
        }
        return r.isInfinite() ? "inf" : String.format(Locale.ROOT, "%.2f", r);
    }

    static String met(Figure f) {
        Boolean m = f.met();
        return m == null ? "-" : m ? "yes" : "NO";
    }

    /** A Markdown table (it prints readably and pastes into docs/PERFORMANCE.md as is). */
    public synchronized String format() {
        StringBuilder b = new StringBuilder();
        b.append("| Figure | Value | Unit | Target | Ratio | Met? | Note |\n");
        b.append("|---|---:|---|---:|---:|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(f.name())
                    .append(" | ").append(number(f.value()))
                    .append(" | ").append(f.unit())
                    .append(" | ").append(target(f))
                    .append(" | ").append(ratio(f.ratio()))
                    .append(" | ").append(met(f))
                    .append(" | ").append(f.note() == null ? "" : f.note().replace("|", "/"))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** {@code {"environment": {...}, "figures": [{name, value, unit, target, goal, ratio, met, note}]}}. */
    public synchronized String toJson(Map<String, String> environment) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode rows = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode r = rows.addObject();
            r.put("name", f.name());
            if (f.value() == null) {
                r.putNull("value");
            } else {
                r.put("value", f.value());
            }
            r.put("unit", f.unit());
            if (f.target() == null) {
                r.putNull("target");
            } else {
                r.put("target", f.target());
            }
            r.put("goal", f.goal() == null ? null : f.goal().name());
            Double ratio = f.ratio();
            if (ratio == null || ratio.isInfinite()) {
                r.putNull("ratio");
            } else {
                r.put("ratio", ratio);
            }
            Boolean met = f.met();
            if (met == null) {
                r.putNull("met");
            } else {
                r.put("met", met);
            }
            r.put("note", f.note());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
