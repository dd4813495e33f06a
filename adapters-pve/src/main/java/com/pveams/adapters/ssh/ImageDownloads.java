package com.pveams.adapters.ssh;

import com.pveams.adapters.net.RefusedUrlException;
import com.pveams.adapters.net.UrlPolicy;
import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Fetches an image onto a node with curl: the URL passes {@link UrlPolicy} first, curl may connect only to the
 * address that was checked, the file is verified and appears under its final name only when complete.
 */
final class ImageDownloads {
    private static final Logger LOG = Logger.getLogger(ImageDownloads.class.getName());
    private static final int MAX_REDIRECTS = 5;
    /** First line: status, size and the address curl connected to; second line: where a 3xx points. */
    static final String WRITE_OUT = "%{http_code} %{size_download} %{remote_ip}\n%{redirect_url}\n";

    private final SshNodeShellConfig config;
    private final UrlPolicy urlPolicy;
    private final NodeConnector connector;
    private final SecureRandom random = new SecureRandom();

    ImageDownloads(SshNodeShellConfig config, UrlPolicy urlPolicy, NodeConnector connector) {
        this.config = config;
        this.urlPolicy = urlPolicy;
        this.connector = connector;
    }

    DownloadResult download(NodeSshEndpoint node, DownloadRequest request) {
        String name = ImagePaths.fileName(node.imageDirectory(), request.fileName());
        UrlPolicy.Target target = checked(() -> urlPolicy.check(request.url())); // refuse before touching the node
        Checksum expected = request.expectedChecksum();
        Checksum.Algorithm algorithm = expected == null ? Checksum.Algorithm.SHA256 : expected.algorithm();
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            String finalPath = dir.pathOf(name);
            String partPath = dir.pathOf("." + name + ".part-" + randomHex(6));
            boolean keepPart = false;
            try {
                long size = fetch(session, target, partPath);
                Checksum actual = dir.digest(algorithm, partPath);
                if (expected != null && !expected.equals(actual)) {
                    throw new NodeShellException(Kind.CHECKSUM_MISMATCH, "the download of " + name + " has "
                            + actual + " but " + expected + " was expected; the file was removed");
                }
                dir.moveInto(partPath, finalPath);
                keepPart = true; // it is the final file now
                LOG.fine(() -> "downloaded " + name + " (" + size + " bytes) to " + node.host());
                return new DownloadResult(finalPath, size, actual);
            } finally {
                if (!keepPart) {
                    dir.removeQuietly(partPath);
                }
            }
        }
    }

    /** Runs curl once per hop (a redirect is checked like the first URL); returns the size of the body. */
    private long fetch(NodeSession session, UrlPolicy.Target first, String partPath) {
        UrlPolicy.Target target = first;
        for (int hop = 0; ; hop++) {
            CommandResult r = session.exec(ShellCommand.of(curl(target, partPath)),
                    config.downloadTimeout().plus(config.connectTimeout()));
            if (!r.succeeded()) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "the download from " + target.host()
                        + " failed (curl exit " + r.exitStatus() + "): " + NodeSession.firstLine(r.stderr()), r, null);
            }
            String[] lines = r.stdout().split("\n", -1);
            String[] summary = lines[0].trim().split(" ", 3);
            int code;
            long size;
            try {
                code = Integer.parseInt(summary[0]);
                size = Long.parseLong(summary[1]);
            } catch (RuntimeException e) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "curl printed an unexpected summary", r, e);
            }
            UrlPolicy.Target current = target;
            // Checked on every hop, before a body is kept or a Location is believed.
            checked(() -> {
                current.requireConnectedTo(summary.length > 2 ? summary[2] : "");
                return current;
            });
            if (code >= 200 && code < 300) {
                return size;
            }
            String location = lines.length > 1 ? lines[1].trim() : "";
            if (code >= 300 && code < 400 && !location.isEmpty()) {
                if (hop >= MAX_REDIRECTS) {
                    throw new NodeShellException(Kind.COMMAND_FAILED, "more than " + MAX_REDIRECTS + " redirects", r, null);
                }
                target = checked(() -> urlPolicy.check(location));
                continue;
            }
            throw new NodeShellException(Kind.COMMAND_FAILED, "the download from " + target.host()
                    + " answered HTTP " + code, r, null);
        }
    }

    /**
     * curl's argument list. {@code -q} (first) ignores any {@code .curlrc}; {@code --noproxy '*'} ignores proxy
     * variables, which would otherwise send the request (and the choice of address) elsewhere; {@code --globoff}
     * keeps {@code []{}} in the URL literal; {@code --proto} allows only http and https; redirects are not followed
     * ({@code --max-redirs 0}, no {@code --location}) but checked and requested in a new hop; {@code --resolve}
     * pins the checked address so a DNS answer that changed since ("rebinding") has no effect.
     */
    List<String> curl(UrlPolicy.Target target, String partPath) {
        List<String> argv = new ArrayList<>(List.of("curl", "-q", "--fail", "--silent", "--show-error",
                "--globoff", "--noproxy", "*", "--proto", "=http,https", "--max-redirs", "0",
                "--connect-timeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())),
                "--max-time", Long.toString(Math.max(1, config.downloadTimeout().toSeconds()))));
        if (!target.literal()) {
            argv.add("--resolve");
            argv.add(target.curlResolve());
        }
        argv.addAll(List.of("-o", partPath, "-w", WRITE_OUT, "--url", target.url()));
        return argv;
    }

    /** Runs a policy step, turning its refusal into this port's REFUSED_URL (the typed reason stays the cause). */
    private static UrlPolicy.Target checked(Supplier<UrlPolicy.Target> step) {
        try {
            return step.get();
        } catch (RefusedUrlException e) {
            throw new NodeShellException(Kind.REFUSED_URL, e.getMessage() + " [" + e.reason() + "]", null, e);
        }
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
