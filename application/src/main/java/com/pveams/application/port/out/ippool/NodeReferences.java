package com.pveams.application.port.out.ippool;

/** What IP pools need to know about nodes, and no more. */
public interface NodeReferences {
    /** Whether the node exists; when it does, it cannot be deleted before the current transaction ends. */
    boolean exists(long nodeId);
}
