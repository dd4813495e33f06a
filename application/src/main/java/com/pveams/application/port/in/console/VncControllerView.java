package com.pveams.application.port.in.console;

import com.pveams.domain.console.ConsoleProtocol;
import com.pveams.domain.console.VncController;

import java.time.Instant;

public record VncControllerView(long id, String name, Long nodeId, String host, int port, String domain,
                                ConsoleProtocol protocol, boolean active, Instant createdAt) {
    public static VncControllerView of(VncController c) {
        return new VncControllerView(c.id(), c.name(), c.nodeId(), c.host(), c.port(), c.domain(), c.protocol(),
                c.active(), c.createdAt());
    }
}
