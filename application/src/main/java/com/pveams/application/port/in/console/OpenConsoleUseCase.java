package com.pveams.application.port.in.console;

import com.pveams.domain.error.DomainException;

/**
 * The console proxy: a viewer presents its token and gets PVE's console relayed. One console per VM: opening a
 * new one closes the previous one, on this replica and (through the database) on the others. An open console lasts
 * at most the {@code vncTime} setting from its opening.
 */
public interface OpenConsoleUseCase {

    /**
     * Claims the token (single use), asks PVE for a VNC ticket and connects to its {@code vncwebsocket}.
     *
     * @param viewer the viewer's side; it receives PVE's RFB stream, with PVE's VNC authentication already
     *               answered with the ticket by the proxy (the viewer is offered security type "None")
     * @return the PVE side to send the viewer's bytes to
     * @throws DomainException AUTH_FAILED for a missing, malformed, unknown, used, expired or other VM's token;
     *                         VM_NOT_EXIST, VM_IS_DISABLED, VM_IS_NOT_RUNNING, CREATE_VNC_CONNECTION
     */
    Opened open(OpenConsole command, ConsoleEnd viewer);

    /**
     * Closes the consoles idle for longer than the idle timeout or open for longer than their lifetime ({@code
     * vncTime} from their opening); returns how many.
     */
    int closeEnded();

    /** Consoles open on this replica. */
    int openCount();

    record OpenConsole(long hostId, String token, String clientAddress) {
        @Override
        public String toString() {
            return "OpenConsole[hostId=" + hostId + "]";
        }
    }

    /** The open console's PVE side. */
    record Opened(ConsoleEnd pve) {
    }
}
