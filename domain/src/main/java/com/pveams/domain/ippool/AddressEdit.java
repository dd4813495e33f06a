package com.pveams.domain.ippool;

/**
 * One row of an {@code updateIp} batch as the admin UI sends it: the whole row back, so every field but
 * {@code status} is either absent or the value it already has. Null means absent.
 */
public record AddressEdit(long id, Integer status, Long vmId, String ip, Long poolId, Long nodeId, String gateway,
                          String subnetMask, String dns1, String dns2) {
}
