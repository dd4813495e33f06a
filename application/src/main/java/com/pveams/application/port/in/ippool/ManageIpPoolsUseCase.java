package com.pveams.application.port.in.ippool;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.ippool.AddressEdit;
import com.pveams.domain.network.IpAddress;

import java.util.List;

/** Creating, extending, editing and deleting IP pools and their addresses. One transaction per command. */
public interface ManageIpPoolsUseCase {
    /** Creates a pool and, for IPv4, every usable address of its network but the gateway. */
    IpPoolView createByMask(CreatePoolByMask command);

    /** Lists the addresses {@code start..end} in an existing IPv4 pool. */
    IpPoolView addRange(AddRange command);

    IpPoolView update(UpdatePool command);

    /** Edits addresses (their status) all at once or not at all; returns how many rows were given. */
    int updateAddresses(List<AddressEdit> edits);

    /** Deletes a pool and its addresses, unless a VM holds one of them. */
    void delete(long poolId);

    /** {@code insertIpPoolByMask}; {@code ipVersion} is optional and must agree with the gateway. */
    record CreatePoolByMask(String poolName, long nodeId, IpAddress gateway, int mask, IpAddress dns1, IpAddress dns2) {
        public static CreatePoolByMask of(String poolName, Long nodeId, String gateway, Integer mask, Integer ipVersion,
                                          String dns1, String dns2) {
            if (poolName == null || poolName.isBlank()) {
                throw DomainException.required("poolName");
            }
            long node = requireId(nodeId, "nodeId");
            IpAddress gw = IpAddress.parse(gateway, "gateway");
            if (ipVersion != null && ipVersion != gw.version()) {
                throw DomainException.invalid("ipVersion", "与网关的地址族（IPv" + gw.version() + "）不符",
                        "does not match the gateway (IPv" + gw.version() + ")");
            }
            if (mask == null) {
                throw DomainException.required("mask");
            }
            return new CreatePoolByMask(poolName, node, gw, mask, IpAddress.parse(dns1, "dns1"),
                    IpAddress.parseOptional(dns2, "dns2"));
        }
    }

    /** {@code insertIpPoolByRange}; DNS servers, when given, must be the pool's. */
    record AddRange(long poolId, IpAddress start, IpAddress end, IpAddress dns1, IpAddress dns2) {
        public static AddRange of(Long poolId, String startIp, String endIp, String dns1, String dns2) {
            return new AddRange(requireId(poolId, "poolId"), IpAddress.parse(startIp, "startIp"),
                    IpAddress.parse(endIp, "endIp"), IpAddress.parseOptional(dns1, "dns1"),
                    IpAddress.parseOptional(dns2, "dns2"));
        }
    }

    /** {@code updateIpPool}: null fields are unchanged; mask and node may be repeated, not changed. */
    record UpdatePool(long id, String name, IpAddress gateway, Integer mask, IpAddress dns1, IpAddress dns2, Long nodeId) {
        public static UpdatePool of(Long id, String name, String gateway, Integer mask, String dns1, String dns2,
                                    Long nodeId) {
            return new UpdatePool(requireId(id, "id"), name, IpAddress.parseOptional(gateway, "gateway"), mask,
                    IpAddress.parseOptional(dns1, "dns1"), IpAddress.parseOptional(dns2, "dns2"), nodeId);
        }
    }

    static long requireId(Long id, String field) {
        if (id == null) {
            throw DomainException.required(field);
        }
        if (id < 1) {
            throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
        }
        return id;
    }
}
