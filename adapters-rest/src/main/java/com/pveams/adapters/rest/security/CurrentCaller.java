package com.pveams.adapters.rest.security;

import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AuthenticateApiKeyUseCase.ApiClient;
import com.pveams.domain.audit.AuditEntry.ActorType;
import jakarta.enterprise.context.RequestScoped;

/** Who the current request acts as, set by the authentication filters. */
@RequestScoped
public class CurrentCaller {
    private AdminIdentity admin;
    private ApiClient apiClient;
    private String claimedUsername;

    public void admin(AdminIdentity admin) {
        this.admin = admin;
    }

    public void apiClient(ApiClient client) {
        this.apiClient = client;
    }

    /** A login attempt names a user before anyone is authenticated; the audit log records it. */
    public void claimedUsername(String username) {
        this.claimedUsername = username;
    }

    public AdminIdentity requireAdmin() {
        if (admin == null) {
            throw new IllegalStateException("no authenticated admin on this request");
        }
        return admin;
    }

    public ActorType actorType() {
        if (admin != null) {
            return ActorType.ADMIN;
        }
        return apiClient != null ? ActorType.API_KEY : ActorType.ANONYMOUS;
    }

    public String actor() {
        if (admin != null) {
            return "admin:" + admin.username();
        }
        if (apiClient != null) {
            return "api:" + apiClient.appId();
        }
        return claimedUsername == null ? "anonymous" : "anonymous:" + claimedUsername;
    }
}
