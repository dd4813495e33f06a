package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.DiskImportResult;
import com.pveams.application.port.out.nodeshell.DownloadRequest;
import com.pveams.application.port.out.nodeshell.DownloadResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link NodeShell} over SSH (sshj). Each operation opens one connection, verifies the pinned host key,
 * authenticates, runs one or more exec channels and disconnects. Commands are argument lists quoted by
 * {@link ShellCommand}; the node needs only what a PVE host has anyway: a POSIX login shell, GNU coreutils,
 * findutils, curl and qm.
 */
@ApplicationScoped
public class SshNodeShell implements NodeShell {
    private static final Logger LOG = Logger.getLogger(SshNodeShell.class.getName());

    /** Output kept per stream; the rest is read and dropped so the channel never stalls. */
    static final int MAX_CAPTURED_BYTES = 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration READER_GRACE = Duration.ofSeconds(5);
    private static final Pattern STORAGE_ID = Pattern.compile("[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern IMPORTED_VOLUME = Pattern.compile("Successfully imported disk as '(?:unused\\d+:)?([^']+)'");
    private static final int MIN_VMID = 100;
    private static final int MAX_VMID = 999_999_999;

    private final SshNodeShellConfig config;
    private final UrlPolicy urlPolicy;
    private final Config sshConfig = new DefaultConfig();
    private final SecureRandom random = new SecureRandom();

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
        this.urlPolicy = new UrlPolicy(config.allowPrivateDownloadTargets(), resolver);
    }

    // ---------------------------------------------------------------------------------------------- operations

    @Override
    public String probeHostKey(String host, int port) {
        String[] seen = new String[1];
        HostKeyVerifier recorder = new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int p, PublicKey key) {
                seen[0] = HostKeyPinning.fingerprint(key);
                return true;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int p) {
                return List.of();
            }
        };
        SSHClient ssh = newClient(recorder);
        try {
            ssh.connect(host, port);
        } catch (IOException e) {
            throw unreachable(host, port, e);
        } finally {
            disconnectQuietly(ssh);
        }
        if (seen[0] == null) {
            throw new NodeShellException(Kind.UNREACHABLE, host + ":" + port + " presented no host key");
        }
        return seen[0];
    }

    @Override
    public CommandResult run(NodeSshEndpoint node, List<String> argv, Duration timeout) {
        ShellCommand command = ShellCommand.of(argv);
        try (Connection c = connect(node)) {
            return c.exec(command, timeout == null ? config.commandTimeout() : timeout);
        }
    }

    @Override
    public DownloadResult download(NodeSshEndpoint node, DownloadRequest request) {
        String name = ImagePaths.fileName(node.imageDirectory(), request.fileName());
        UrlPolicy.Target target = urlPolicy.check(request.url()); // refuse before touching the node
        Checksum expected = request.expectedChecksum();
        Checksum.Algorithm algorithm = expected == null ? Checksum.Algorithm.SHA256 : expected.algorithm();
        try (Connection c = connect(node)) {
            String root = c.imageRoot(node);
            String finalPath = root + "/" + name;
            String partPath = root + "/." + name + ".part-" + HexFormat.of().formatHex(randomBytes(6));
            boolean keepPart = false;
            try {
                long size = fetch(c, target, partPath);
                Checksum actual = c.digest(algorithm, partPath);
                if (expected != null && !expected.equals(actual)) {
                    throw new NodeShellException(Kind.CHECKSUM_MISMATCH, "the download of " + name + " has "
                            + actual + " but " + expected + " was expected; the file was removed");
                }
                c.execOk(ShellCommand.of("mv", "-f", "-T", "--", partPath, finalPath), "moving the download into place");
                keepPart = true; // it is the final file now
                LOG.fine(() -> "downloaded " + name + " (" + size + " bytes) to " + node.host());
                return new DownloadResult(finalPath, size, actual);
            } finally {
                if (!keepPart) {
                    c.removeQuietly(partPath);
                }
            }
        }
    }

    /** Runs curl once per hop (redirects are checked like the first URL); returns the size of the body. */
    private long fetch(Connection c, UrlPolicy.Target first, String partPath) {
        UrlPolicy.Target target = first;
        for (int hop = 0; ; hop++) {
            List<String> argv = new ArrayList<>(List.of("curl", "-q", "--fail", "--silent", "--show-error",
                    "--proto", "=http,https", "--max-redirs", "0",
                    "--connect-timeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())),
                    "--max-time", Long.toString(Math.max(1, config.downloadTimeout().toSeconds()))));
            if (!target.literal()) {
                argv.add("--resolve");
                argv.add(target.curlResolve());
            }
            argv.addAll(List.of("-o", partPath, "-w", "%{http_code} %{size_download}\n%{redirect_url}\n",
                    "--url", target.url()));
            CommandResult r = c.exec(ShellCommand.of(argv), config.downloadTimeout().plus(config.connectTimeout()));
            if (!r.succeeded()) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "the download from " + target.host()
                        + " failed (curl exit " + r.exitStatus() + "): " + firstLine(r.stderr()), r, null);
            }
            String[] lines = r.stdout().split("\n", -1);
            String[] status = lines[0].trim().split(" ");
            int code;
            long size;
            try {
                code = Integer.parseInt(status[0]);
                size = Long.parseLong(status[1]);
            } catch (RuntimeException e) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "curl printed an unexpected summary", r, e);
            }
            if (code >= 200 && code < 300) {
                return size;
            }
            String location = lines.length > 1 ? lines[1].trim() : "";
            if (code >= 300 && code < 400 && !location.isEmpty()) {
                if (hop >= MAX_REDIRECTS) {
                    throw new NodeShellException(Kind.COMMAND_FAILED, "more than " + MAX_REDIRECTS + " redirects", r, null);
                }
                target = urlPolicy.check(location);
                continue;
            }
            throw new NodeShellException(Kind.COMMAND_FAILED, "the download from " + target.host()
                    + " answered HTTP " + code, r, null);
        }
    }

    @Override
    public DiskImportResult importDisk(NodeSshEndpoint node, int vmid, String imageFileName, String storage) {
        if (vmid < MIN_VMID || vmid > MAX_VMID) {
            throw new IllegalArgumentException("vmid must be " + MIN_VMID + ".." + MAX_VMID);
        }
        if (storage == null || !STORAGE_ID.matcher(storage).matches()) {
            throw new IllegalArgumentException("not a PVE storage id");
        }
        String name = ImagePaths.fileName(node.imageDirectory(), imageFileName);
        try (Connection c = connect(node)) {
            String root = c.imageRoot(node);
            String source = c.realPathInside(root, name)
                    .orElseThrow(() -> new NodeShellException(Kind.NOT_FOUND, "the image " + name + " is not on the node"));
            CommandResult r = c.exec(ShellCommand.of("qm", "disk", "import", Integer.toString(vmid), source, storage),
                    config.importTimeout());
            if (!r.succeeded()) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "qm disk import of " + name + " into VM " + vmid
                        + " on " + storage + " failed (exit " + r.exitStatus() + "): " + lastLine(r.stderr()), r, null);
            }
            Matcher m = IMPORTED_VOLUME.matcher(r.stdout());
            return new DiskImportResult(m.find() ? Optional.of(m.group(1)) : Optional.empty(), r);
        }
    }

    @Override
    public List<ImageFile> listImages(NodeSshEndpoint node) {
        try (Connection c = connect(node)) {
            String root = c.imageRoot(node);
            CommandResult r = c.execOk(ShellCommand.of("find", root, "-mindepth", "1", "-maxdepth", "1", "-type", "f",
                    "-printf", "%s %T@ %f\\0"), "listing the image directory");
            List<ImageFile> files = new ArrayList<>();
            for (String entry : r.stdout().split("\0")) {
                if (entry.isEmpty()) {
                    continue;
                }
                String[] parts = entry.split(" ", 3);
                if (parts.length != 3 || parts[2].startsWith(".")) {
                    continue;
                }
                try {
                    long size = Long.parseLong(parts[0]);
                    files.add(new ImageFile(parts[2], size, epochSeconds(parts[1])));
                } catch (NumberFormatException e) {
                    LOG.fine("skipping an unparsable listing entry");
                }
            }
            files.sort((a, b) -> a.name().compareTo(b.name()));
            return files;
        }
    }

    @Override
    public boolean deleteImage(NodeSshEndpoint node, String imageFileName) {
        String name = ImagePaths.fileName(node.imageDirectory(), imageFileName);
        try (Connection c = connect(node)) {
            String root = c.imageRoot(node);
            if (c.realPathInside(root, name).isEmpty()) {
                return false;
            }
            // The checked name itself goes (a symlink inside the directory is removed, not its target).
            c.execOk(ShellCommand.of("rm", "-f", "--", root + "/" + name), "removing " + name);
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------- connection

    private SSHClient newClient(HostKeyVerifier verifier) {
        SSHClient ssh = new SSHClient(sshConfig);
        ssh.addHostKeyVerifier(verifier);
        int ms = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        ssh.setConnectTimeout(ms);
        ssh.getTransport().setTimeoutMs(ms);
        return ssh;
    }

    private Connection connect(NodeSshEndpoint node) {
        HostKeyPinning pinning = new HostKeyPinning(node.hostKeyFingerprint());
        SSHClient ssh = newClient(pinning);
        boolean ok = false;
        try {
            try {
                ssh.connect(node.host(), node.port());
            } catch (IOException e) {
                Optional<String> presented = pinning.mismatch();
                if (presented.isPresent()) {
                    throw new NodeShellException(Kind.HOST_KEY_MISMATCH, node.host() + ":" + node.port()
                            + " presented host key " + presented.get() + " but " + pinning.pinned()
                            + " is pinned; refusing to connect", null, e);
                }
                throw unreachable(node.host(), node.port(), e);
            }
            authenticate(ssh, node);
            ok = true;
            return new Connection(ssh, node);
        } finally {
            if (!ok) {
                disconnectQuietly(ssh);
            }
        }
    }

    private static void authenticate(SSHClient ssh, NodeSshEndpoint node) {
        try {
            SshCredentials credentials = node.credentials();
            if (credentials instanceof SshCredentials.Password p) {
                ssh.authPassword(node.username(), p.password().toCharArray());
            } else if (credentials instanceof SshCredentials.PrivateKey k) {
                KeyProvider keys = k.passphrase() == null
                        ? ssh.loadKeys(k.pem(), null, null)
                        : ssh.loadKeys(k.pem(), null, PasswordUtils.createOneOff(k.passphrase().toCharArray()));
                ssh.authPublickey(node.username(), keys);
            } else {
                throw new IllegalStateException("unknown credentials type");
            }
        } catch (UserAuthException e) {
            throw new NodeShellException(Kind.AUTH, node.username() + "@" + node.host()
                    + " was not accepted (wrong credentials, or an unreadable private key or passphrase)", null, e);
        } catch (TransportException e) {
            throw unreachable(node.host(), node.port(), e);
        } catch (IOException e) {
            throw new NodeShellException(Kind.AUTH, "the private key for " + node.host() + " cannot be read", null, e);
        }
    }

    private static NodeShellException unreachable(String host, int port, Exception e) {
        return new NodeShellException(Kind.UNREACHABLE, "cannot open an SSH connection to " + host + ":" + port
                + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                null, e);
    }

    private static void disconnectQuietly(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "disconnect failed", e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }

    /** One authenticated SSH connection; every exec gets its own channel. */
    private final class Connection implements AutoCloseable {
        private final SSHClient ssh;
        private final NodeSshEndpoint node;

        Connection(SSHClient ssh, NodeSshEndpoint node) {
            this.ssh = ssh;
            this.node = node;
        }

        CommandResult exec(ShellCommand command, Duration timeout) {
            long timeoutMs = Math.max(1, timeout.toMillis());
            Session session;
            try {
                session = ssh.startSession();
            } catch (IOException e) {
                throw unreachable(node.host(), node.port(), e);
            }
            try {
                Session.Command cmd = session.exec(command.toCommandLine());
                cmd.getOutputStream().close(); // nothing to send: give the command end-of-file on stdin
                Capture out = Capture.start(cmd.getInputStream(), "node-shell-stdout");
                Capture err = Capture.start(cmd.getErrorStream(), "node-shell-stderr");
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                try {
                    cmd.join(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (ConnectionException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        throw new NodeShellException(Kind.TIMEOUT, command.program() + " on " + node.host()
                                + " did not finish within " + timeout, null, e);
                    }
                    throw unreachable(node.host(), node.port(), e); // the connection broke while it ran
                }
                if (cmd.isOpen()) {
                    throw new NodeShellException(Kind.TIMEOUT, command.program() + " on " + node.host()
                            + " did not finish within " + timeout);
                }
                String stdout = out.await(READER_GRACE);
                String stderr = err.await(READER_GRACE);
                Integer status = cmd.getExitStatus();
                LOG.fine(() -> command.program() + " on " + node.host() + " exited with " + status);
                return new CommandResult(status == null ? -1 : status, stdout, stderr);
            } catch (IOException e) {
                throw unreachable(node.host(), node.port(), e);
            } finally {
                try {
                    session.close();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "closing the channel failed", e);
                }
            }
        }

        /** Like {@link #exec} with the default timeout, but a non-zero exit is a COMMAND_FAILED. */
        CommandResult execOk(ShellCommand command, String what) {
            CommandResult r = exec(command, config.commandTimeout());
            if (!r.succeeded()) {
                throw new NodeShellException(Kind.COMMAND_FAILED, what + " on " + node.host() + " failed (exit "
                        + r.exitStatus() + "): " + firstLine(r.stderr()), r, null);
            }
            return r;
        }

        /** The image directory as the node resolves it (it may itself be a symlink the operator set up). */
        String imageRoot(NodeSshEndpoint endpoint) {
            String dir = ImagePaths.directory(endpoint.imageDirectory());
            CommandResult r = exec(ShellCommand.of("realpath", "-e", "--", dir), config.commandTimeout());
            String root = stripNewline(r.stdout());
            if (!r.succeeded() || !root.startsWith("/")) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "the image directory " + dir
                        + " does not exist on " + endpoint.host(), r, null);
            }
            if (root.equals("/") || root.indexOf('\n') >= 0) {
                throw new NodeShellException(Kind.REFUSED_PATH, "the image directory " + dir + " resolves to "
                        + ImagePaths.printable(root) + " on " + endpoint.host());
            }
            return root;
        }

        /**
         * Resolves {@code root/name} on the node (following every symlink) and checks it stays inside root.
         * Empty if the file does not exist.
         */
        Optional<String> realPathInside(String root, String name) {
            CommandResult r = exec(ShellCommand.of("realpath", "-e", "--", root + "/" + name), config.commandTimeout());
            if (!r.succeeded()) {
                return Optional.empty();
            }
            String real = stripNewline(r.stdout());
            if (!ImagePaths.isInside(root, real)) {
                throw new NodeShellException(Kind.REFUSED_PATH, "the image " + name + " resolves to "
                        + ImagePaths.printable(real) + ", outside the image directory " + root);
            }
            return Optional.of(real);
        }

        Checksum digest(Checksum.Algorithm algorithm, String path) {
            String tool = algorithm.name().toLowerCase(Locale.ROOT) + "sum";
            CommandResult r = execOk(ShellCommand.of(tool, "--", path), "computing the " + algorithm + " digest");
            String hex = r.stdout().strip().split("\\s+", 2)[0];
            try {
                return new Checksum(algorithm, hex);
            } catch (IllegalArgumentException e) {
                throw new NodeShellException(Kind.COMMAND_FAILED, tool + " printed no digest", r, e);
            }
        }

        void removeQuietly(String path) {
            try {
                exec(ShellCommand.of("rm", "-f", "--", path), config.commandTimeout());
            } catch (NodeShellException e) {
                LOG.log(Level.WARNING, "could not remove the partial download " + path + " on " + node.host(), e);
            }
        }

        @Override
        public void close() {
            disconnectQuietly(ssh);
        }
    }

    /** find's {@code %T@}: seconds since the epoch with a decimal fraction (read exactly, not as a double). */
    static Instant epochSeconds(String text) {
        int dot = text.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (!fraction.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException("not a fraction: " + fraction);
        }
        String nanos = (fraction + "000000000").substring(0, 9);
        return Instant.ofEpochSecond(seconds, Long.parseLong(nanos));
    }

    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Drains a stream on its own thread, keeping at most {@link #MAX_CAPTURED_BYTES}. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;

        private Capture(InputStream in, String name) {
            this.in = in;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        static Capture start(InputStream in, String name) {
            Capture c = new Capture(in, name);
            c.thread.start();
            return c;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (kept) {
                        int room = MAX_CAPTURED_BYTES - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "reading command output ended", e);
            }
        }

        String await(Duration grace) throws IOException {
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading command output", e);
            }
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
