package com.pveams.adapters.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the SSH node shell.
 *
 * @param connectTimeout              TCP connect, key exchange and authentication, each
 * @param commandTimeout              default limit for {@code run} and for the small helper commands
 * @param downloadTimeout             limit for one image download (curl's {@code --max-time})
 * @param importTimeout               limit for one {@code qm disk import}
 * @param allowPrivateDownloadTargets let downloads reach loopback, link-local and private addresses (for mirrors on
 *                                    the operator's own network); off by default
 */
public record SshNodeShellConfig(Duration connectTimeout, Duration commandTimeout, Duration downloadTimeout,
                                 Duration importTimeout, boolean allowPrivateDownloadTargets) {

    public SshNodeShellConfig {
        positive(connectTimeout, "connectTimeout");
        positive(commandTimeout, "commandTimeout");
        positive(downloadTimeout, "downloadTimeout");
        positive(importTimeout, "importTimeout");
    }

    /** 15 s to connect, 2 min per command, 2 h per download, 1 h per import, no private download targets. */
    public static SshNodeShellConfig defaults() {
        return new SshNodeShellConfig(Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofHours(2),
                Duration.ofHours(1), false);
    }

    public SshNodeShellConfig withAllowPrivateDownloadTargets(boolean allow) {
        return new SshNodeShellConfig(connectTimeout, commandTimeout, downloadTimeout, importTimeout, allow);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
