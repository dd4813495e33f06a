package com.pveams.application.service.node;

import com.pveams.application.config.NodeMonitorPolicy;
import com.pveams.application.port.in.node.NodeMonitorUseCase;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.ShellState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every node's PVE API and SSH login at once on a bounded pool, under one deadline per round: a node that
 * has not answered by then counts as down and its check is interrupted, so one dead node never delays the verdict
 * on the others. A check that never got a thread before the deadline (more nodes than threads, all busy) leaves
 * that node's status as it was rather than calling it down.
 */
@Singleton
public class NodeMonitorService implements NodeMonitorUseCase {
    private final NodeStore store;
    private final NodeConnectionService connections;
    private final NodeChecks checks;
    private final NodeMonitorPolicy policy;
    private final ExecutorService pool;

    @Inject
    public NodeMonitorService(NodeStore store, NodeConnectionService connections, NodeChecks checks,
                              NodeMonitorPolicy policy) {
        this.store = store;
        this.connections = connections;
        this.checks = checks;
        this.policy = policy;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(policy.parallelism(), policy.parallelism(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "node-monitor-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    /** A probe's outcome: null when it never ran, else the problem (empty = healthy). */
    private static final class Probe implements Callable<Optional<String>> {
        final AtomicBoolean started = new AtomicBoolean();
        final Callable<Optional<String>> work;

        Probe(Callable<Optional<String>> work) {
            this.work = work;
        }

        @Override
        public Optional<String> call() throws Exception {
            started.set(true);
            return work.call();
        }
    }

    @Override
    public Report checkAll() {
        List<StoredNode> nodes = store.monitored();
        List<Probe> api = new ArrayList<>();
        List<Probe> ssh = new ArrayList<>();
        for (StoredNode stored : nodes) {
            api.add(new Probe(() -> {
                NodeEndpoint ep = connections.api(stored);
                return checks.apiProblem(ep);
            }));
            ssh.add(new Probe(() -> {
                Optional<NodeSshEndpoint> ep = connections.ssh(stored);
                return ep.isEmpty() ? null : checks.shellProblem(ep.get());
            }));
        }
        List<Probe> all = new ArrayList<>(api);
        all.addAll(ssh);
        List<Future<Optional<String>>> futures;
        try {
            futures = pool.invokeAll(all, policy.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report(0, List.of());
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i).node();
            NodeState stateBefore = node.state();
            ShellState shellBefore = node.shellState();
            Optional<String> apiProblem = outcome(api.get(i), futures.get(i));
            Optional<String> sshProblem = outcome(ssh.get(i), futures.get(nodes.size() + i));
            if (apiProblem != null && node.recordApiCheck(apiProblem.isEmpty())) {
                changes.add(new Change(node.id(), node.name().value(), "status", name(stateBefore),
                        name(node.state()), apiProblem.orElse(null)));
            }
            if (sshProblem != null && node.recordShellCheck(sshProblem.isEmpty())) {
                changes.add(new Change(node.id(), node.name().value(), "controllerStatus",
                        shellBefore == null ? "unknown" : name(shellBefore), name(node.shellState()),
                        sshProblem.orElse(null)));
            }
            if (node.state() != stateBefore || node.shellState() != shellBefore) {
                store.recordHealth(node.id(), node.state(), node.shellState());
            }
        }
        return new Report(nodes.size(), changes);
    }

    /** null: not checked (never started, or nothing to check); else the problem, empty when healthy. */
    private Optional<String> outcome(Probe probe, Future<Optional<String>> future) {
        try {
            return future.get();
        } catch (CancellationException e) {
            return probe.started.get() ? Optional.of("no answer within " + policy.checkTimeout().toSeconds() + " s") : null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of(cause instanceof DomainException d ? d.code().name().toLowerCase(Locale.ROOT)
                    : cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
