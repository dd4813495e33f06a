package com.pveams.adapters.ssh;

import com.pveams.adapters.net.UrlPolicy;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.DiskImportResult;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/**
 * {@link NodeShell} over SSH (sshj). Each operation opens one connection ({@link NodeConnector}: pinned host key,
 * then authentication), runs one or more commands ({@link NodeSession}: one exec channel each, stopped on the node
 * at its deadline) and disconnects. Downloads are {@link ImageDownloads}, the other image work {@link ImageFiles}.
 * Commands are argument lists quoted by {@link ShellCommand}; the node needs only what a PVE host has anyway: a
 * POSIX login shell, GNU coreutils, findutils, curl and qm.
 */
@ApplicationScoped
public class SshNodeShell implements NodeShell {
    private final SshNodeShellConfig config;
    private final NodeConnector connector;
    private final ImageDownloads downloads;
    private final ImageFiles images;

    /**
     * CDI constructor. The application supplies the settings by producing an {@link SshNodeShellConfig} bean (from
     * its {@code ams.ssh} configuration); without one, {@link SshNodeShellConfig#defaults()} apply.
     */
    @Inject
    public SshNodeShell(Instance<SshNodeShellConfig> config) {
        this(config.isResolvable() ? config.get() : SshNodeShellConfig.defaults(), UrlPolicy.SYSTEM_RESOLVER);
    }

    public SshNodeShell(SshNodeShellConfig config) {
        this(config, UrlPolicy.SYSTEM_RESOLVER);
    }

    /** For tests and special set-ups: resolve download hosts with {@code resolver}. */
    public SshNodeShell(SshNodeShellConfig config, UrlPolicy.Resolver resolver) {
        this.config = config;
        this.connector = new NodeConnector(config.connectTimeout());
        this.downloads = new ImageDownloads(config,
                new UrlPolicy(config.allowPrivateDownloadTargets(), resolver), connector);
        this.images = new ImageFiles(config, connector);
    }

    @Override
    public String probeHostKey(String host, int port) {
        return connector.probeHostKey(host, port);
    }

    @Override
    public CommandResult run(NodeSshEndpoint node, List<String> argv, Duration timeout) {
        ShellCommand command = ShellCommand.of(argv);
        try (NodeSession session = connector.open(node)) {
            return session.exec(command, timeout == null ? config.commandTimeout() : timeout);
        }
    }

    @Override
    public DownloadResult download(NodeSshEndpoint node, DownloadRequest request) {
        return downloads.download(node, request);
    }

    @Override
    public DiskImportResult importDisk(NodeSshEndpoint node, int vmid, String imageFileName, String storage) {
        return images.importDisk(node, vmid, imageFileName, storage);
    }

    @Override
    public List<ImageFile> listImages(NodeSshEndpoint node) {
        return images.list(node);
    }

    @Override
    public boolean deleteImage(NodeSshEndpoint node, String imageFileName) {
        return images.delete(node, imageFileName);
    }
}
