package com.pveams.domain.node;

/** How the service logs in to a node's shell (the values of {@code node.ssh_auth_mode}). */
public enum SshAuthKind { PASSWORD, PRIVATE_KEY }
