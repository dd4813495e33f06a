package com.pveams.application.port.in.node;

/**
 * A node form as the admin UI (legacy field names) sends it, unvalidated. {@code area} is the region id;
 * {@code tokenId} (or a {@code user@realm!token} username) makes it an API token login with {@code password} as
 * the token secret; {@code sshPrivateKey} is used instead of {@code sshPassword} when given. {@code tlsFingerprint}
 * and {@code sshHostKey} are optional expected values the node must present.
 */
public record NodeForm(String name, Long area, String host, Integer port, String username, String password,
                       String realm, String tokenId, String nodeName, String sshHost, Integer sshPort,
                       String sshUsername, String sshPassword, String sshPrivateKey, Integer status,
                       String tlsFingerprint, String sshHostKey, String imageDir, String backupStorage,
                       String nataddr, String natbridge, Long natippool) {

    @Override
    public String toString() {
        return "NodeForm[" + name + ", " + username + "@" + host + ":" + port + "]";
    }
}
