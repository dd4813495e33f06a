package com.pveams.adapters.pve.client;

import static com.pveams.adapters.pve.client.FormEncoding.path;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /nodes/{node}/qemu/{vmid}/agent/…}. */
public final class AgentClient {

    private final PveTransport t;
    private final String node;

    public AgentClient(PveTransport t) {
        this.t = t;
        this.node = t.endpoint().nodeName();
    }

    /** PVE answers 500 "QEMU guest agent is not running" (or "No QEMU guest agent configured") when it cannot. */
    public boolean ping(int vmid) {
        try {
            t.post(path("nodes", node, "qemu", vmid, "agent", "ping"), Map.of());
            return true;
        } catch (HypervisorException e) {
            String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
            if ((e.kind() == Kind.CONFLICT || e.kind() == Kind.RETRYABLE)
                    && (m.contains("guest agent") || m.contains("not running"))) {
                return false;
            }
            throw e;
        }
    }

    public void setUserPassword(int vmid, String username, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("username", username);
        f.put("password", password);
        t.post(path("nodes", node, "qemu", vmid, "agent", "set-user-password"), f);
    }
}
