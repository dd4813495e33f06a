package com.pveams.application.port.out.nodeshell;

import java.util.Objects;

/**
 * How to reach one node's shell.
 *
 * @param host               DNS name or IP address of the node
 * @param port               SSH port, 1..65535
 * @param username           login name (on PVE normally {@code root})
 * @param credentials        password or private key; never printed by {@link #toString()}
 * @param hostKeyFingerprint the host key fingerprint pinned when the node was added, as OpenSSH prints it
 *                           ({@code SHA256:} followed by unpadded base64); a node presenting another key is refused
 * @param imageDirectory     absolute directory on the node that holds OS images; file operations stay inside it
 */
public record NodeSshEndpoint(String host, int port, String username, SshCredentials credentials,
                              String hostKeyFingerprint, String imageDirectory) {

    public NodeSshEndpoint {
        requireText(host, "host");
        requireText(username, "username");
        Objects.requireNonNull(credentials, "credentials");
        requireText(hostKeyFingerprint, "hostKeyFingerprint");
        requireText(imageDirectory, "imageDirectory");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        if (!hostKeyFingerprint.startsWith("SHA256:")) {
            throw new IllegalArgumentException("hostKeyFingerprint must be an OpenSSH SHA256 fingerprint");
        }
        if (!imageDirectory.startsWith("/")) {
            throw new IllegalArgumentException("imageDirectory must be absolute");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    @Override
    public String toString() {
        return "NodeSshEndpoint[" + username + "@" + host + ":" + port + ", " + credentials + ", hostKey="
                + hostKeyFingerprint + ", imageDirectory=" + imageDirectory + "]";
    }
}
