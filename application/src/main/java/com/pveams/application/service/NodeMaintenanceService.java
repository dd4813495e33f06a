package com.pveams.application.service;

import com.pveams.application.port.in.maintenance.NodeMaintenanceUseCase;
import com.pveams.application.port.out.image.DownloadUrlGuard;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.maintenance.FetchFailure;
import com.pveams.domain.maintenance.HostProbe;
import com.pveams.domain.maintenance.NodeFetch;
import com.pveams.domain.maintenance.NodeHostStatus;
import com.pveams.domain.maintenance.ProbeOutput;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Node maintenance over the node shell. Not transactional: nothing is written to the database, and no transaction
 * may stay open across SSH calls that can take minutes. The node row is read once, with its secrets decrypted, by
 * {@link NodeConnections}.
 *
 * <p>Messages never pass on what a node printed: only parsed values, kinds and exit statuses.
 */
@Singleton
public class NodeMaintenanceService implements NodeMaintenanceUseCase {
    /** Each health probe is a quick read; one that hangs (a stuck mount under df) must not hold the report. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final NodeConnections nodes;
    private final NodeShell shell;
    private final DownloadUrlGuard urlGuard;
    private final Clock clock;

    @Inject
    public NodeMaintenanceService(NodeConnections nodes, NodeShell shell, DownloadUrlGuard urlGuard, Clock clock) {
        this.nodes = nodes;
        this.shell = shell;
        this.urlGuard = urlGuard;
        this.clock = clock;
    }

    @Override
    public HostStatusView hostStatus(long nodeId) {
        NodeAccess node = node(nodeId);
        NodeSshEndpoint ssh = ssh(node);
        Instant checkedAt = clock.instant();
        Map<HostProbe, ProbeOutput> outputs = new EnumMap<>(HostProbe.class);
        for (HostProbe probe : HostProbe.values()) {
            outputs.put(probe, probe(ssh, probe));
        }
        return new HostStatusView(node.nodeId(), node.name(), NodeHostStatus.assess(checkedAt, ssh.imageDirectory(), outputs));
    }

    /** One probe; a probe that times out is a gap in the report, a connection failure ends the report. */
    private ProbeOutput probe(NodeSshEndpoint ssh, HostProbe probe) {
        try {
            CommandResult r = shell.run(ssh, probe.argv(ssh.imageDirectory()), PROBE_TIMEOUT);
            return ProbeOutput.of(r.exitStatus(), r.stdout());
        } catch (NodeShellException e) {
            if (e.kind() == NodeShellException.Kind.TIMEOUT) {
                return ProbeOutput.timeout();
            }
            throw translate(e, ssh);
        }
    }

    @Override
    public ImageDirectoryView imageFiles(long nodeId) {
        NodeAccess node = node(nodeId);
        NodeSshEndpoint ssh = ssh(node);
        List<ImageFile> files;
        try {
            files = shell.listImages(ssh);
        } catch (NodeShellException e) {
            throw translate(e, ssh);
        }
        return new ImageDirectoryView(node.nodeId(), node.name(), ssh.imageDirectory(),
                files.stream().map(f -> new FileView(f.name(), f.sizeBytes(), f.modifiedAt())).toList());
    }

    @Override
    public boolean deleteImageFile(DeleteFileCommand command) {
        NodeSshEndpoint ssh = ssh(node(command.nodeId()));
        try {
            return shell.deleteImage(ssh, command.fileName().value());
        } catch (NodeShellException e) {
            throw translate(e, ssh);
        }
    }

    @Override
    public FetchedFile fetch(FetchCommand command) {
        NodeFetch fetch = command.fetch();
        // the policy first, so a refused URL costs no SSH connection; the shell applies it again (and to redirects)
        urlGuard.refusal(fetch.url()).ifPresent(why -> {
            throw DomainException.invalid("url", "不允许下载：" + why, "may not be fetched: " + why);
        });
        NodeAccess node = node(command.nodeId());
        NodeSshEndpoint ssh = ssh(node);
        String name = fetch.fileName().value();
        List<ImageFile> present;
        try {
            present = shell.listImages(ssh);
        } catch (NodeShellException e) {
            throw translate(e, ssh);
        }
        if (present.stream().anyMatch(f -> f.name().equals(name))) {
            throw DomainException.failure("节点的镜像目录中已有文件 " + name + "，请先删除",
                    "The node's image directory already has " + name + "; delete it first");
        }
        DownloadResult r;
        try {
            r = shell.download(ssh, new DownloadRequest(fetch.url(), name, checksum(fetch.checksum())));
        } catch (NodeShellException e) {
            if (e.kind() == NodeShellException.Kind.COMMAND_FAILED) {
                throw fetchFailed(e);
            }
            throw translate(e, ssh);
        }
        return new FetchedFile(node.nodeId(), name, r.path(), r.sizeBytes(), r.checksum().algorithm().name(),
                r.checksum().hex());
    }

    private static Checksum checksum(ImageChecksum c) {
        return c == null ? null : new Checksum(Checksum.Algorithm.valueOf(c.algorithm().name()), c.hex());
    }

    private NodeAccess node(long nodeId) {
        return nodes.find(nodeId).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST, "nodeId", null, null));
    }

    /** Maintenance is allowed whatever the node's status: an offline node is exactly when an operator looks. */
    private static NodeSshEndpoint ssh(NodeAccess node) {
        return node.ssh().orElseThrow(() -> unavailable("未配置SSH（凭据或已固定的主机密钥缺失或无法解密）",
                "SSH is not configured (no credentials, no pinned host key, or they cannot be decrypted)"));
    }

    /** Into the legacy envelope, saying what failed without echoing the node's output. */
    static DomainException translate(NodeShellException e, NodeSshEndpoint ssh) {
        String where = ssh.host() + ":" + ssh.port();
        return switch (e.kind()) {
            case UNREACHABLE -> unavailable("SSH 无法连接 " + where, "SSH unreachable at " + where);
            case AUTH -> unavailable("SSH 登录被拒绝（" + where + "）", "SSH login refused by " + where);
            case HOST_KEY_MISMATCH -> unavailable("SSH 主机密钥与已固定的不一致（" + where + "），请核实后重新固定",
                    "the SSH host key of " + where + " differs from the pinned one; check it and re-pin");
            case TIMEOUT -> unavailable("节点上的命令超时", "the command on the node timed out");
            case REFUSED_PATH -> DomainException.invalid("fileName", "不在节点的镜像目录内", "is outside the node's image directory");
            case REFUSED_URL -> DomainException.invalid("url", "不允许下载：" + reason(e), "may not be fetched: " + reason(e));
            case CHECKSUM_MISMATCH -> DomainException.invalid("checksum", "与下载的文件不符，文件未保留",
                    "does not match the downloaded file; nothing was kept");
            case NOT_FOUND -> DomainException.failure("节点上没有该文件", "No such file on the node");
            case COMMAND_FAILED -> {
                String status = e.result().map(r -> Integer.toString(r.exitStatus())).orElse("?");
                yield DomainException.failure("节点上的命令失败（退出码 " + status + "；镜像目录 " + ssh.imageDirectory()
                        + " 是否存在？）", "A command on the node failed (exit status " + status + "; does the image directory "
                        + ssh.imageDirectory() + " exist?)");
            }
        };
    }

    private static DomainException fetchFailed(NodeShellException e) {
        int status = e.result().map(CommandResult::exitStatus).orElse(-1);
        // only curl's exit status and an HTTP status code are read out of what the node printed
        String text = e.getMessage() + "\n" + e.result().map(CommandResult::stderr).orElse("");
        FetchFailure f = FetchFailure.read(status, text);
        return DomainException.failure("下载失败：" + f.message(false), "The download failed: " + f.message(true));
    }

    /** The policy's own words (never the node's output), without the kind prefix the exception adds. */
    private static String reason(NodeShellException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = e.kind() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static DomainException unavailable(String zh, String en) {
        return new DomainException(ErrorCode.NODE_NOT_AVAILABLE, null, zh, en);
    }
}
