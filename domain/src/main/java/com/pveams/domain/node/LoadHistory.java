package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.Locale;

/** The range and consolidation of a node's load history, with PVE's own vocabularies ({@code rrddata}). */
public record LoadHistory(Timeframe timeframe, Consolidation cf) {
    public enum Timeframe { HOUR, DAY, WEEK, MONTH, YEAR, DECADE }

    public enum Consolidation { AVERAGE, MAX }

    /** Defaults hour / AVERAGE as the legacy endpoint had; anything outside PVE's enums is refused by name. */
    public static LoadHistory of(String timeframe, String cf) {
        Timeframe t = Timeframe.HOUR;
        if (timeframe != null && !timeframe.isBlank()) {
            try {
                t = Timeframe.valueOf(timeframe.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("timeframe", "只能是 hour、day、week、month、year 或 decade",
                        "must be one of hour, day, week, month, year, decade");
            }
        }
        Consolidation c = Consolidation.AVERAGE;
        if (cf != null && !cf.isBlank()) {
            try {
                c = Consolidation.valueOf(cf.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("cf", "只能是 AVERAGE 或 MAX", "must be AVERAGE or MAX");
            }
        }
        return new LoadHistory(t, c);
    }
}
