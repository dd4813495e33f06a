package com.pveams.application.port.out.hypervisor;

/** RRD time frames PVE knows ({@code timeframe}). */
public enum RrdTimeframe { HOUR, DAY, WEEK, MONTH, YEAR, DECADE }
