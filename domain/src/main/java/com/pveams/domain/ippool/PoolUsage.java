package com.pveams.domain.ippool;

/** Materialised addresses of a pool by status, counted by the database. */
public record PoolUsage(long free, long used, long disabled, long gateway) {
    public static final PoolUsage NONE = new PoolUsage(0, 0, 0, 0);
}
