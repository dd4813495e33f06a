package com.pveams.benchmarks;

/**
 * One measured figure against its target. {@code target} null means "recorded, no target" (e.g. the database's
 * share); {@code value} null means "not measured", with the reason in {@code note}.
 */
public record Figure(String name, Double value, String unit, Double target, Goal goal, String note) {

    /** Which side of the target is good. */
    public enum Goal {
        AT_MOST("<="), AT_LEAST(">=");

        final String sign;

        Goal(String sign) {
            this.sign = sign;
        }
    }

    public static Figure atMost(String name, double value, String unit, double target) {
        return new Figure(name, value, unit, target, Goal.AT_MOST, null);
    }

    public static Figure atLeast(String name, double value, String unit, double target) {
        return new Figure(name, value, unit, target, Goal.AT_LEAST, null);
    }

    public static Figure recorded(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, null, null, note);
    }

    public static Figure notMeasured(String name, String unit, Double target, Goal goal, String why) {
        return new Figure(name, null, unit, target, goal, why);
    }

    public Figure withNote(String text) {
        return new Figure(name, value, unit, target, goal, text);
    }

    /**
     * Value ÷ target for an upper bound, target ÷ value for a lower bound: below 1 is met, 2 means twice as bad as
     * allowed, so every row reads the same way. Null when there is nothing to compare.
     */
    public Double ratio() {
        if (value == null || target == null || goal == null) {
            return null;
        }
        if (goal == Goal.AT_MOST) {
            return target == 0 ? null : value / target;
        }
        return value == 0 ? Double.POSITIVE_INFINITY : target / value;
    }

    /** Met, missed, or null when there is no target or no value. */
    public Boolean met() {
        if (value == null || target == null || goal == null) {
            return null;
        }
        return goal == Goal.AT_MOST ? value <= target : value >= target;
    }
}
