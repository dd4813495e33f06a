package com.pveams.adapters.pve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.Upid;

final class Tasks {
    private Tasks() {
    }

    static Upid upid(JsonNode data, String what) {
        String s = data == null || data.isNull() ? null : data.asText();
        if (!Upid.isUpid(s)) {
            throw new HypervisorException(Kind.PROTOCOL, what + ": expected a task id (UPID) in the answer");
        }
        return new Upid(s);
    }
}
