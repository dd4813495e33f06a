package com.pveams.application.port.out.hypervisor;

/** RRD consolidation function ({@code cf}). */
public enum RrdConsolidation { AVERAGE, MAX }
