package com.pveams.application.port.out.console;

import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VncProxy;

/**
 * Connects to PVE's {@code vncwebsocket} for a ticket from {@code vncproxy} (the node's credentials and TLS pinning
 * apply) and relays: PVE's frames go to {@code viewer}, read one at a time as the viewer takes them.
 */
public interface ConsoleRelay {

    /**
     * @param onClosed called once when PVE's side closes or fails
     * @return PVE's side; send the viewer's frames to it
     * @throws com.pveams.application.port.out.hypervisor.HypervisorException when the connection fails
     */
    ConsoleEnd connect(NodeEndpoint node, int vmid, VncProxy proxy, ConsoleEnd viewer, Runnable onClosed);
}
