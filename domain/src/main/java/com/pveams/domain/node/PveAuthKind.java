package com.pveams.domain.node;

/** How the service logs in to a node's PVE API (the values of {@code node.auth_mode}). */
public enum PveAuthKind {
    /** Ticket login with the user's password. */
    PASSWORD,
    /** An API token {@code USER@REALM!TOKENID} with its secret: no ticket, revocable on its own. */
    TOKEN
}
