package com.pveams.adapters.pve.contract;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/** Runs every request a WireMock server received through the PVE schema validator. */
public final class ContractAssertions {

    private ContractAssertions() {
    }

    /** Fails (AssertionError) if any received request would be rejected by PVE; returns how many were checked. */
    public static int assertAllRequestsValid(WireMockServer server) {
        PveSchemaValidator v = PveSchemaValidator.load();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (ServeEvent e : server.getAllServeEvents()) {
            LoggedRequest r = e.getRequest();
            PveSchemaValidator.Result res = v.validate(PveRequest.parse(r.getMethod().getName(), r.getUrl(),
                    r.getHeader("Content-Type"), r.getBodyAsString()));
            n++;
            if (!res.valid()) {
                problems.add(r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", "") + " -> " + res);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("requests PVE would reject:\n" + String.join("\n", problems));
        }
        return n;
    }
}
