package com.pveams.application.port.out.hypervisor;

/**
 * {@code POST …/vncproxy} with {@code websocket=1}: the port (5900–5999) and one-time ticket to open
 * {@code …/vncwebsocket}; {@code password} only when a password was generated. The ticket is a secret.
 */
public record VncProxy(int port, String ticket, String user, String password, String upid, String cert) {
    @Override
    public String toString() {
        return "VncProxy[port=" + port + ", user=" + user + ", ticket=***]";
    }
}
