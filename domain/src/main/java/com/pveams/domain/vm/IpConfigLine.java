package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cloud-init network configuration in PVE's {@code ipconfigN} form, {@code ip=A/M,gw=G[,ip6=A6/M6,gw6=G6]},
 * as the legacy API shows it in {@code ipConfig{"1": …}}. Both directions are here so the text the API shows and
 * the addresses derived from it ({@code ipData}, {@code ipList}) cannot disagree.
 */
public final class IpConfigLine {
    private final Assignment v4;
    private final Assignment v6;

    /** An address with its prefix length and, optionally, its gateway. */
    public record Assignment(IpAddress address, int prefixLength, IpAddress gateway) {
        public Assignment {
            if (address == null) {
                throw new IllegalArgumentException("address is required");
            }
            if (prefixLength < 0 || prefixLength > address.bits()) {
                throw new IllegalArgumentException("prefix length out of range");
            }
            if (gateway != null && gateway.version() != address.version()) {
                throw new IllegalArgumentException("gateway of another IP version");
            }
        }
    }

    private IpConfigLine(Assignment v4, Assignment v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    public static IpConfigLine of(Assignment v4, Assignment v6) {
        if (v4 == null && v6 == null) {
            throw new IllegalArgumentException("an ipconfig needs an address");
        }
        if (v4 != null && v4.address().version() != 4 || v6 != null && v6.address().version() != 6) {
            throw new IllegalArgumentException("ip must be IPv4 and ip6 IPv6");
        }
        return new IpConfigLine(v4, v6);
    }

    /**
     * Reads a stored line. Only static addresses are understood: {@code dhcp}/{@code auto} or anything else this
     * service never writes gives empty, and the caller shows the text as it is without deriving addresses.
     */
    public static Optional<IpConfigLine> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || keys.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip()) != null) {
                return Optional.empty();
            }
        }
        if (!keys.keySet().stream().allMatch(k -> List.of("ip", "gw", "ip6", "gw6").contains(k))) {
            return Optional.empty();
        }
        try {
            Assignment v4 = assignment(keys.get("ip"), keys.get("gw"), 4);
            Assignment v6 = assignment(keys.get("ip6"), keys.get("gw6"), 6);
            return v4 == null && v6 == null ? Optional.empty() : Optional.of(new IpConfigLine(v4, v6));
        } catch (DomainException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Assignment assignment(String cidr, String gw, int version) {
        if (cidr == null) {
            if (gw != null) {
                throw new IllegalArgumentException("gateway without address");
            }
            return null;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no prefix length");
        }
        IpAddress address = IpAddress.parse(cidr.substring(0, slash), "ip");
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        IpAddress gateway = gw == null ? null : IpAddress.parse(gw, "gw");
        if (address.version() != version) {
            throw new IllegalArgumentException("wrong IP version");
        }
        return new Assignment(address, prefix, gateway);
    }

    public Optional<Assignment> v4() {
        return Optional.ofNullable(v4);
    }

    public Optional<Assignment> v6() {
        return Optional.ofNullable(v6);
    }

    /** The addresses in the order the legacy {@code ipData}/{@code ipList} show them: IPv4 first. */
    public List<Assignment> assignments() {
        List<Assignment> all = new ArrayList<>(2);
        if (v4 != null) {
            all.add(v4);
        }
        if (v6 != null) {
            all.add(v6);
        }
        return all;
    }

    /** PVE's property string; the values are typed addresses and numbers, so nothing else can slip in. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (v4 != null) {
            sb.append("ip=").append(v4.address()).append('/').append(v4.prefixLength());
            if (v4.gateway() != null) {
                sb.append(",gw=").append(v4.gateway());
            }
        }
        if (v6 != null) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append("ip6=").append(v6.address()).append('/').append(v6.prefixLength());
            if (v6.gateway() != null) {
                sb.append(",gw6=").append(v6.gateway());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
