package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a node's shell. {@code host} null means the API host. The secret (password or private key) is
 * stored encrypted, apart.
 */
public record SshSettings(HostAddress host, int port, String username, SshAuthKind authKind) {
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_USER = "root";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public SshSettings {
        Objects.requireNonNull(authKind, "authKind");
        if (port < 1 || port > 65535 || username == null || !USER.matcher(username).matches()) {
            throw new IllegalArgumentException("not valid SSH settings");
        }
    }

    public static SshSettings of(String host, Integer port, String username, SshAuthKind authKind) {
        HostAddress h = host == null || host.isBlank() ? null : HostAddress.of(host, "sshHost");
        String user = username == null || username.isBlank() ? DEFAULT_USER : username.strip();
        if (!USER.matcher(user).matches()) {
            throw DomainException.invalid("sshUsername", "只能包含字母、数字和 _ . -（最长 64）",
                    "may contain only letters, digits and _ . - (at most 64)");
        }
        return new SshSettings(h, Ports.orDefault(port, DEFAULT_PORT, "sshPort"), user, authKind);
    }

    /** The host to connect to: the SSH host when set, else the API host. */
    public HostAddress effectiveHost(HostAddress apiHost) {
        return host != null ? host : apiHost;
    }
}
