package com.pveams.adapters.pve.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.auth.ApiTokenAuthenticator;
import com.pveams.adapters.pve.auth.NodeAuthenticator;
import com.pveams.adapters.pve.auth.TicketAuthenticator;
import com.pveams.adapters.pve.tls.TlsContexts;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import java.net.http.HttpClient;
import java.time.Clock;

/** Everything needed to talk to one node: its HTTP client (own SSLContext), authenticator and resource clients. */
public final class NodeConnection {

    private final NodeEndpoint endpoint;
    private final PveTransport transport;
    private final NodeAuthenticator authenticator;
    private final NodeClient node;
    private final StorageClient storage;
    private final ClusterClient cluster;
    private final QemuClient qemu;
    private final AgentClient agent;
    private final SnapshotClient snapshots;
    private final TaskClient tasks;

    public NodeConnection(NodeEndpoint endpoint, PveClientConfig config, ObjectMapper json, ConcurrencyLimits limits,
                          Clock clock, PveTransport.Sleeper sleeper) {
        this(endpoint, config, json, limits, clock, sleeper, PveCallObserver.NONE);
    }

    public NodeConnection(NodeEndpoint endpoint, PveClientConfig config, ObjectMapper json, ConcurrencyLimits limits,
                          Clock clock, PveTransport.Sleeper sleeper, PveCallObserver observer) {
        this.endpoint = endpoint;
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TlsContexts.forTrust(endpoint.tls()))
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.transport = new PveTransport(endpoint, config, http, json, limits, sleeper, observer);
        if (endpoint.auth() instanceof NodeAuth.Password p) {
            this.authenticator = new TicketAuthenticator(p, transport::login, clock, config.ticketRenewAfter(),
                    config.ticketLifetime());
        } else {
            this.authenticator = new ApiTokenAuthenticator((NodeAuth.ApiToken) endpoint.auth());
        }
        transport.setAuthenticator(authenticator);
        this.node = new NodeClient(transport);
        this.storage = new StorageClient(transport);
        this.cluster = new ClusterClient(transport);
        this.qemu = new QemuClient(transport);
        this.agent = new AgentClient(transport);
        this.snapshots = new SnapshotClient(transport);
        this.tasks = new TaskClient(transport);
    }

    public NodeEndpoint endpoint() {
        return endpoint;
    }

    public PveTransport transport() {
        return transport;
    }

    public NodeAuthenticator authenticator() {
        return authenticator;
    }

    public NodeClient node() {
        return node;
    }

    public StorageClient storage() {
        return storage;
    }

    public ClusterClient cluster() {
        return cluster;
    }

    public QemuClient qemu() {
        return qemu;
    }

    public AgentClient agent() {
        return agent;
    }

    public SnapshotClient snapshots() {
        return snapshots;
    }

    public TaskClient tasks() {
        return tasks;
    }
}
