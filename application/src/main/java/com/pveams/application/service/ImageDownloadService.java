package com.pveams.application.service;

import com.pveams.application.config.ImageDownloadPolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.in.image.DownloadOsImageUseCase;
import com.pveams.application.port.in.image.ImageDownloadMaintenance;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.StorageContent;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.hypervisor.TaskLogLine;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.image.DownloadUrlGuard;
import com.pveams.application.port.out.image.DownloadWorkers;
import com.pveams.application.port.out.image.ImageDownloadRepository;
import com.pveams.application.port.out.image.OsImageRepository;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.image.DownloadMethod;
import com.pveams.domain.image.DownloadState;
import com.pveams.domain.image.DownloadType;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.image.ImageDownload;
import com.pveams.domain.image.OsImage;
import com.pveams.domain.image.PveVersion;
import com.pveams.application.service.vm.template.ImageTemplates;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads of image files to nodes, as durable background jobs. A start records the job (state DOWNLOADING, owned
 * by this replica) in one statement before anything is fetched, then hands it to a worker. The worker fetches through
 * PVE ({@code download-url} into an import storage) when the node's PVE can hold the file as import content,
 * otherwise over SSH into the image directory; the URL passes the SSRF policy first. Only a completed, verified file
 * is marked DOWNLOADED with its location; every failure ends FAILED with a reason.
 *
 * <p>Each write of a running job is conditional on this replica still owning it. Replicas renew their jobs'
 * heartbeat; {@link #recoverOrphans} (at start and periodically, on one replica per period) takes over jobs whose
 * heartbeat went stale: a PVE task is waited for again, anything else (a curl that died with its SSH session) fails
 * cleanly and can be started again.
 */
@Singleton
public class ImageDownloadService implements DownloadOsImageUseCase, ImageDownloadMaintenance {
    private static final Logger LOG = Logger.getLogger(ImageDownloadService.class.getName());
    private static final String IMPORT = "import";
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");
    private static final int ORPHAN_BATCH = 100;

    private final OsImageRepository images;
    private final ImageDownloadRepository downloads;
    private final NodeConnections nodes;
    private final HypervisorNodes pveNodes;
    private final HypervisorTasks pveTasks;
    private final NodeShell shell;
    private final DownloadUrlGuard urlGuard;
    private final DownloadWorkers workers;
    private final ImageDownloadPolicy policy;
    private final String replica;
    private final Clock clock;
    private final ImageTemplates templates;

    @Inject
    public ImageDownloadService(OsImageRepository images, ImageDownloadRepository downloads, NodeConnections nodes,
                                HypervisorNodes pveNodes, HypervisorTasks pveTasks, NodeShell shell,
                                DownloadUrlGuard urlGuard, DownloadWorkers workers, ImageDownloadPolicy policy,
                                ReplicaIdentity replica, Clock clock, ImageTemplates templates) {
        this.images = images;
        this.downloads = downloads;
        this.nodes = nodes;
        this.pveNodes = pveNodes;
        this.pveTasks = pveTasks;
        this.shell = shell;
        this.urlGuard = urlGuard;
        this.workers = workers;
        this.policy = policy;
        this.replica = replica.id();
        this.clock = clock;
        this.templates = templates;
    }

    // ------------------------------------------------------------------------------------------------ start

    /** Not transactional on purpose: the job row is committed (one statement) before a worker may look for it. */
    @Override
    public Started start(DownloadCommand command) {
        OsImage image = images.findById(command.osId()).orElseThrow(OsImageService::notFound);
        NodeAccess node = nodes.find(command.nodeId()).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST));
        if (!node.online()) {
            throw new DomainException(ErrorCode.NODE_NOT_AVAILABLE);
        }
        Instant now = clock.instant();
        ImageDownload d = downloads.find(image.id(), node.nodeId())
                .orElseGet(() -> ImageDownload.notDownloaded(image.id(), node.nodeId(), now));
        if (image.spec().downloadType() == DownloadType.UPLOAD) {
            d.recordUpload(uploadedFile(image, node), now);
            claimOrRefuse(d);
            return new Started(false);
        }
        urlGuard.refusal(image.spec().url()).ifPresent(why -> {
            throw DomainException.failure("镜像下载地址不被允许：" + why, "The image URL is not allowed: " + why);
        });
        d.start(replica, now);
        claimOrRefuse(d);
        workers.submit(() -> run(image.id(), node.nodeId()));
        return new Started(true);
    }

    private void claimOrRefuse(ImageDownload d) {
        if (!downloads.claim(d)) {
            // another request started (or finished) the same download between our read and our write
            throw DomainException.failure("该镜像正在下载或已存在于此节点", "The image is being downloaded to, or is already on, this node");
        }
    }

    /** An uploaded file is recorded only if the node shows it (when SSH lets us look). */
    private String uploadedFile(OsImage image, NodeAccess node) {
        String dir = image.spec().path().value();
        String name = image.spec().fileName().value();
        Optional<NodeSshEndpoint> ssh = node.sshIn(dir);
        if (ssh.isPresent()) {
            List<ImageFile> files;
            try {
                files = shell.listImages(ssh.get());
            } catch (NodeShellException e) {
                throw DomainException.failure("无法查看节点上的镜像目录：" + e.kind(), "Cannot list the node's image directory: " + e.kind());
            }
            if (files.stream().noneMatch(f -> f.name().equals(name))) {
                throw DomainException.failure("节点的 " + dir + " 中没有文件 " + name + "，请先上传",
                        "The node has no file " + name + " in " + dir + "; upload it first");
            }
        }
        return dir + "/" + name;
    }

    // ------------------------------------------------------------------------------------------------ worker

    /** The job itself, on a worker thread. Never throws: every outcome ends in the row. */
    void run(long imageId, long nodeId) {
        ImageDownload d = downloads.find(imageId, nodeId).orElse(null);
        if (d == null || d.state() != DownloadState.DOWNLOADING || !replica.equals(d.owner())) {
            return;
        }
        try {
            OsImage image = images.findById(imageId).orElse(null);
            Optional<NodeAccess> node = nodes.find(nodeId);
            if (image == null || node.isEmpty()) {
                return; // deleted meanwhile; the row went with it (CASCADE)
            }
            if (d.resumable()) {
                awaitPve(node.get().api().orElseThrow(() -> new JobFailure("节点的 PVE 凭据无法解密 / PVE credentials unreadable")),
                        d, new Upid(d.upid()));
                return;
            }
            if (tryPve(image, node.get(), d)) {
                return;
            }
            viaSsh(image, node.get(), d);
        } catch (JobFailure e) {
            fail(d, e.getMessage());
        } catch (NodeShellException e) {
            fail(d, describe(e));
        } catch (HypervisorException e) {
            fail(d, "PVE " + e.kind() + ": " + e.getMessage());
        } catch (Interrupted e) {
            // left DOWNLOADING: once its heartbeat is stale, recovery on this or another replica takes it over
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Image download " + imageId + " to node " + nodeId + " failed unexpectedly", e);
            fail(d, "unexpected error: " + e.getClass().getSimpleName());
        }
    }

    /** Returns false when PVE cannot take this file, so SSH should. */
    private boolean tryPve(OsImage image, NodeAccess node, ImageDownload d) {
        if (!image.spec().fileName().importable() || node.api().isEmpty()) {
            return false;
        }
        NodeEndpoint pve = node.api().get();
        boolean capable = PveVersion.parse(pveNodes.nodeStatus(pve).pveVersion())
                .map(PveVersion::downloadsImportContent).orElse(false);
        if (!capable) {
            return false;
        }
        Optional<StorageInfo> storage = pveNodes.storages(pve, Optional.of(IMPORT)).stream()
                .filter(s -> s.active() && s.enabled() && s.holds(IMPORT))
                .max(Comparator.comparingLong(StorageInfo::available));
        if (storage.isEmpty()) {
            return false;
        }
        String url = image.spec().url();
        Optional<String> refused = urlGuard.refusal(url); // checked again: DNS may have changed since the start
        if (refused.isPresent()) {
            throw new JobFailure("下载地址被拒绝 / URL refused: " + refused.get());
        }
        ImageChecksum sum = image.spec().checksum();
        String fileName = image.spec().fileName().value();
        DownloadUrlRequest request = new DownloadUrlRequest(storage.get().storage(), url, fileName, IMPORT,
                sum == null ? null : sum.hex(), sum == null ? null : sum.algorithm().name().toLowerCase(Locale.ROOT),
                null, true);
        Upid upid;
        try {
            upid = pveNodes.downloadUrl(pve, request);
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.VALIDATION) {
                return false; // this PVE does not take import content after all: SSH instead
            }
            throw e;
        }
        d.useMethod(DownloadMethod.PVE, upid.value(), storage.get().storage() + ":" + IMPORT + "/" + fileName, clock.instant());
        if (!downloads.saveIfOwned(d, replica)) {
            return true; // taken over; the new owner waits for the task
        }
        awaitPve(pve, d, upid);
        return true;
    }

    private void awaitPve(NodeEndpoint pve, ImageDownload d, Upid upid) {
        Instant deadline = clock.instant().plus(policy.taskTimeout());
        while (true) {
            TaskStatus status = pveTasks.taskStatus(pve, upid);
            if (!status.running()) {
                if (!(status.succeeded() || status.succeededWithWarnings())) {
                    throw new JobFailure("PVE 下载任务失败 / PVE download task failed: " + status.exitStatus());
                }
                String volid = d.location();
                String storage = volid.substring(0, volid.indexOf(':'));
                Optional<StorageContent> file = pveNodes.storageContent(pve, storage, Optional.of(IMPORT), Optional.empty())
                        .stream().filter(c -> volid.equals(c.volid())).findFirst();
                if (file.isEmpty()) {
                    throw new JobFailure("PVE 任务成功但存储中没有 " + volid + " / task succeeded but the volume is missing");
                }
                d.complete(DownloadMethod.PVE, volid, clock.instant());
                if (downloads.saveIfOwned(d, replica)) {
                    images.recordSizeIfUnknown(d.imageId(), file.get().size());
                    templates.imageDownloaded(d.imageId(), d.nodeId()); // the template fast path
                }
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("PVE 下载任务超时 / PVE download task timed out");
            }
            progressFromLog(pve, upid).ifPresent(p -> d.report(p, clock.instant()));
            if (!downloads.saveIfOwned(d, replica)) {
                return; // another replica owns it now
            }
            pause();
        }
    }

    private Optional<Double> progressFromLog(NodeEndpoint pve, Upid upid) {
        List<TaskLogLine> tail = pveTasks.taskLogTail(pve, upid, 5);
        for (int i = tail.size() - 1; i >= 0; i--) {
            Matcher m = PERCENT.matcher(tail.get(i).text());
            Double last = null;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            if (last != null) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    private void viaSsh(OsImage image, NodeAccess node, ImageDownload d) {
        String dir = image.spec().path().value();
        NodeSshEndpoint ssh = node.sshIn(dir).orElseThrow(() -> new JobFailure(
                "节点未配置 SSH，且其 PVE 不能下载此镜像 / no SSH on the node, and its PVE cannot fetch this image"));
        String fileName = image.spec().fileName().value();
        d.useMethod(DownloadMethod.SSH, null, dir + "/" + fileName, clock.instant());
        if (!downloads.saveIfOwned(d, replica)) {
            return;
        }
        ImageChecksum sum = image.spec().checksum();
        Checksum expected = sum == null ? null : new Checksum(Checksum.Algorithm.valueOf(sum.algorithm().name()), sum.hex());
        DownloadResult result = shell.download(ssh, new DownloadRequest(image.spec().url(), fileName, expected));
        d.complete(DownloadMethod.SSH, result.path(), clock.instant());
        if (downloads.saveIfOwned(d, replica)) {
            images.recordSizeIfUnknown(d.imageId(), result.sizeBytes());
            templates.imageDownloaded(d.imageId(), d.nodeId()); // the template fast path
        }
    }

    private void fail(ImageDownload d, String why) {
        if (d.state() != DownloadState.DOWNLOADING) {
            return;
        }
        d.fail(why, clock.instant());
        try {
            if (!downloads.saveIfOwned(d, replica)) {
                LOG.fine(() -> "download of image " + d.imageId() + " to node " + d.nodeId() + " was taken over before it failed");
            }
        } catch (RuntimeException e) {
            // the row stays DOWNLOADING under this replica; recovery fails it once the heartbeat is stale
            LOG.log(Level.WARNING, "Could not record the failure of image download " + d.imageId() + " to node " + d.nodeId(), e);
        }
    }

    private static String describe(NodeShellException e) {
        return switch (e.kind()) {
            case REFUSED_URL -> "下载地址被拒绝（SSRF 策略）/ URL refused by the download policy: " + e.getMessage();
            case CHECKSUM_MISMATCH -> "校验和不匹配，文件已删除 / checksum mismatch, the file was removed";
            default -> "SSH " + e.kind() + ": " + e.getMessage();
        };
    }

    private void pause() {
        try {
            Thread.sleep(policy.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // shutting down: the row keeps its owner, whose heartbeat goes stale, and recovery resumes the task
            throw new Interrupted();
        }
    }

    // ------------------------------------------------------------------------------------------------ recovery

    @Override
    public void heartbeat() {
        downloads.heartbeat(replica, clock.instant());
    }

    @Override
    public int recoverOrphans() {
        Instant now = clock.instant();
        int handled = 0;
        for (ImageDownload orphan : downloads.orphans(now.minus(policy.staleAfter()), ORPHAN_BATCH)) {
            String previousOwner = orphan.owner();
            Instant previousHeartbeat = orphan.heartbeatAt();
            if (orphan.resumable()) {
                orphan.adopt(replica, now);
                if (downloads.adoptIfUnchanged(orphan, previousOwner, previousHeartbeat)) {
                    LOG.info(() -> "Resuming the PVE download of image " + orphan.imageId() + " to node "
                            + orphan.nodeId() + " left by " + previousOwner);
                    workers.submit(() -> run(orphan.imageId(), orphan.nodeId()));
                    handled++;
                }
            } else {
                orphan.adopt(replica, now);
                if (downloads.adoptIfUnchanged(orphan, previousOwner, previousHeartbeat)) {
                    orphan.fail("下载被中断（" + previousOwner + " 已停止），请重新下载 / interrupted: its replica "
                            + previousOwner + " stopped; start it again", now);
                    downloads.saveIfOwned(orphan, replica);
                    LOG.info(() -> "Failed the interrupted download of image " + orphan.imageId() + " to node "
                            + orphan.nodeId() + " left by " + previousOwner);
                    handled++;
                }
            }
        }
        return handled;
    }

    /** A reason to end the job FAILED, with the text it records. */
    private static final class JobFailure extends RuntimeException {
        JobFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The worker was interrupted (shutdown): the job is left to recovery. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
