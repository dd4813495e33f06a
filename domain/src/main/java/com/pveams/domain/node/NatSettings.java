package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * NAT of a node's VMs: on or off (switched on by the NAT set-up, not by a plain update), the bridge or vnet NAT VMs
 * use (required while NAT is on), and the public address shown to users of NAT VMs.
 */
public record NatSettings(boolean enabled, String bridge, String publicAddress) {
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public NatSettings {
        if (enabled && bridge == null) {
            throw new IllegalArgumentException("NAT needs a bridge");
        }
        if (bridge != null && !BRIDGE.matcher(bridge).matches()) {
            throw new IllegalArgumentException("not a bridge name");
        }
        if (publicAddress != null && publicAddress.length() > 255) {
            throw new IllegalArgumentException("public address too long");
        }
    }

    public static NatSettings off() {
        return new NatSettings(false, null, null);
    }

    /** The same switch with new bridge and address from a form; blank values clear them. */
    public NatSettings edit(String bridgeInput, String publicAddressInput) {
        String b = bridgeInput == null ? bridge : blankToNull(bridgeInput);
        String a = publicAddressInput == null ? publicAddress : blankToNull(publicAddressInput);
        if (b != null && !BRIDGE.matcher(b).matches()) {
            throw DomainException.invalid("natbridge", "必须以字母开头，只含字母、数字和 _ . -（最长 64）",
                    "must start with a letter and contain only letters, digits and _ . - (at most 64)");
        }
        if (enabled && b == null) {
            throw DomainException.invalid("natbridge", "节点已开启NAT，不能为空", "is required while NAT is on");
        }
        if (a != null && (a.length() > 255 || a.chars().anyMatch(Character::isWhitespace))) {
            throw DomainException.invalid("nataddr", "不能含空白，最长 255", "must have no whitespace and at most 255 characters");
        }
        return new NatSettings(enabled, b, a);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }
}
