package com.pveams.adapters.ssh.emulator;

import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for a PVE node's SSH side (Apache MINA SSHD). It accepts password and public-key logins,
 * splits each exec request like a POSIX shell would ({@link ShellWords}, refusing anything beyond literal words),
 * records it, and emulates the handful of programs {@code SshNodeShell} uses ({@code realpath}, {@code curl},
 * {@code sha256sum}, {@code sha512sum}, {@code mv}, {@code rm}, {@code find}, {@code qm disk import} and
 * {@code qm importdisk}, {@code pveversion}, {@code cat} and {@code tee}, all run under {@code timeout}, plus {@code echo} and {@code sleep} for tests) against a
 * directory that plays the node's file system. curl answers from URL fixtures registered with {@link #serve} and
 * friends, never the network.
 *
 * <p>Every program is a process ({@link #processes()}) that signals end the way they would on a node; like a real
 * sshd without a terminal, closing the channel does not stop it ({@link #awaitHangup}).
 *
 * <pre>{@code
 * try (NodeEmulator node = NodeEmulator.builder(tempDir).start()) {
 *     node.serve("https://images.example.org/debian.qcow2", bytes);
 *     NodeSshEndpoint endpoint = node.endpoint(SshCredentials.password(NodeEmulator.PASSWORD));
 *     ... new SshNodeShell(config, resolver).download(endpoint, request) ...
 *     node.commands(); node.imports(); node.path("/home/images/debian.qcow2");
 * }
 * }</pre>
 */
public final class NodeEmulator implements AutoCloseable {
    public static final String USER = "root";
    public static final String PASSWORD = "emulator-password";
    public static final String DEFAULT_IMAGE_DIRECTORY = "/home/images";

    /** One exec request: the raw line, the words it split into (null if refused as unsafe) and its exit status. */
    public record RecordedCommand(String commandLine, List<String> argv, int exitStatus) {
        /** The words after a leading {@code timeout [OPTION]... DURATION} wrapper: what the program itself got. */
        public List<String> command() {
            if (argv == null || argv.isEmpty() || !argv.get(0).equals("timeout")) {
                return argv == null ? List.of() : argv;
            }
            int i = 1;
            while (i < argv.size() && argv.get(i).startsWith("-")) {
                i++;
            }
            return i + 1 < argv.size() ? argv.subList(i + 1, argv.size()) : argv;
        }

        /** The program the command ran (inside the {@code timeout} wrapper). */
        public String program() {
            List<String> c = command();
            return c.isEmpty() ? "" : c.get(0);
        }
    }

    /** A program that ran on the node: its arguments, whether it still runs, the signals it received. */
    public record ProcessRecord(List<String> argv, boolean running, List<String> signals) {
        public String program() {
            return argv.isEmpty() ? "" : argv.get(0);
        }
    }

    /** A disk {@code qm} imported. */
    public record ImportedDisk(int vmid, String source, String storage, String volumeId) {
    }

    /** What curl gets for a URL. */
    public sealed interface HttpFixture {
        record Body(byte[] bytes) implements HttpFixture {
        }

        record Status(int code) implements HttpFixture {
        }

        record Redirect(int code, String location) implements HttpFixture {
        }

        /** The connection breaks after {@code partial} (curl exit 18). */
        record Truncated(byte[] partial) implements HttpFixture {
        }
    }

    private volatile SshServer server;
    private final Map<String, String> passwords;
    private final List<PublicKey> authorizedKeys;
    private final KeyPair hostKey;
    private final Path fsRoot;
    private final String imageDirectory;
    final Set<String> storages;
    final Map<String, HttpFixture> http = new ConcurrentHashMap<>();
    final Map<String, String> remoteAddresses = new ConcurrentHashMap<>();
    private final Set<String> ignoringTerm;
    private final List<EmulatedProcess> processes = new CopyOnWriteArrayList<>();
    private final List<String> hangups = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    final List<RecordedCommand> commands = new CopyOnWriteArrayList<>();
    final List<ImportedDisk> imports = new CopyOnWriteArrayList<>();
    final Map<List<String>, Reply> replies = new ConcurrentHashMap<>();
    private final NodeCommands programs;

    private NodeEmulator(Builder b) throws IOException {
        this.hostKey = b.hostKey != null ? b.hostKey : generateHostKey();
        Files.createDirectories(b.workDir.resolve("fs"));
        this.fsRoot = b.workDir.resolve("fs").toRealPath();
        this.imageDirectory = b.imageDirectory;
        this.storages = Set.copyOf(b.storages);
        this.ignoringTerm = Set.copyOf(b.ignoringTerm);
        Files.createDirectories(path(imageDirectory));
        this.programs = new NodeCommands(this);

        this.passwords = Map.copyOf(b.passwords);
        this.authorizedKeys = List.copyOf(b.authorizedKeys);
        server = newServer(0);
        server.start();
    }

    private SshServer newServer(int port) {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> password.equals(passwords.get(user)));
        s.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        s.setCommandFactory((channel, line) -> new EmulatedCommand(this, line));
        return s;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public static final class Builder {
        private final Path workDir;
        private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of(USER, PASSWORD));
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private String imageDirectory = DEFAULT_IMAGE_DIRECTORY;
        private Set<String> storages = Set.of("local", "local-lvm");
        private KeyPair hostKey;
        private final Set<String> ignoringTerm = new java.util.HashSet<>();

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder password(String user, String password) {
            passwords.put(user, password);
            return this;
        }

        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(key);
            return this;
        }

        /** The image directory to create in the emulated file system (default {@value #DEFAULT_IMAGE_DIRECTORY}). */
        public Builder imageDirectory(String directory) {
            this.imageDirectory = directory;
            return this;
        }

        /** Storage ids {@code qm disk import} accepts (default {@code local}, {@code local-lvm}). */
        public Builder storages(Set<String> storages) {
            this.storages = storages;
            return this;
        }

        /** {@code program} ignores SIGTERM (as a program with its own handler may); only SIGKILL ends it. */
        public Builder ignoresTerm(String program) {
            ignoringTerm.add(program);
            return this;
        }

        public Builder hostKey(KeyPair hostKey) {
            this.hostKey = hostKey;
            return this;
        }

        public NodeEmulator start() {
            try {
                return new NodeEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A fresh EC P-256 key pair, usable as a host key or a client key. */
    public static KeyPair generateHostKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getPort();
    }

    /** The host key fingerprint as OpenSSH prints it, computed by MINA (independently of the adapter). */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    public String imageDirectory() {
        return imageDirectory;
    }

    /** An endpoint for this emulator with the right pinned fingerprint. */
    public NodeSshEndpoint endpoint(SshCredentials credentials) {
        return new NodeSshEndpoint(host(), port(), USER, credentials, hostKeyFingerprint(), imageDirectory);
    }

    public NodeSshEndpoint endpoint() {
        return endpoint(SshCredentials.password(PASSWORD));
    }

    /** Where a node path lives on the test machine. */
    public Path path(String nodePath) {
        String relative = nodePath.replaceFirst("^/+", "");
        return relative.isEmpty() ? fsRoot : fsRoot.resolve(relative);
    }

    /** The node path of a real path on the test machine (paths outside the emulated file system stay as they are). */
    String nodePath(Path real) {
        if (real.equals(fsRoot)) {
            return "/";
        }
        if (real.startsWith(fsRoot)) {
            return "/" + fsRoot.relativize(real).toString().replace('\\', '/');
        }
        return real.toString();
    }

    /** Creates a file on the node (parent directories included). */
    public Path writeFile(String nodePath, byte[] content) {
        try {
            Path p = path(nodePath);
            Files.createDirectories(p.getParent());
            return Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a relative symlink {@code link -> target}, both node paths, so it resolves inside the emulated tree. */
    public void symlink(String link, String target) {
        try {
            Path l = path(link);
            Files.createDirectories(l.getParent());
            Files.createSymbolicLink(l, l.getParent().relativize(path(target)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serve(String url, byte[] body) {
        http.put(url, new HttpFixture.Body(body));
    }

    public void redirect(String url, String location) {
        http.put(url, new HttpFixture.Redirect(302, location));
    }

    public void httpStatus(String url, int code) {
        http.put(url, new HttpFixture.Status(code));
    }

    public void truncated(String url, byte[] partial) {
        http.put(url, new HttpFixture.Truncated(partial));
    }

    /**
     * curl's request for {@code url} ends up at {@code address} whatever {@code --resolve} says (a transparent
     * proxy or a redirecting middlebox on the node's network); curl reports it as {@code %{remote_ip}}.
     */
    public void remoteAddress(String url, String address) {
        remoteAddresses.put(url, address);
    }

    /** Every program started so far (a {@code timeout} and the program it runs are two), in start order. */
    public List<ProcessRecord> processes() {
        return processes.stream().map(EmulatedProcess::record).toList();
    }

    public List<ProcessRecord> processes(String program) {
        return processes().stream().filter(p -> p.program().equals(program)).toList();
    }

    /**
     * Waits until a {@code program} process has started and ended, and returns it. {@code bound} only keeps a broken
     * run from hanging; a correct one never gets near it.
     */
    public ProcessRecord awaitProcessEnd(String program, Duration bound) throws InterruptedException {
        return await(() -> processes(program).stream().filter(p -> !p.running()).findFirst(), bound,
                "no " + program + " process ended");
    }

    /** Waits until a {@code program} process has started, and returns it (running or not). */
    public ProcessRecord awaitProcess(String program, Duration bound) throws InterruptedException {
        return await(() -> processes(program).stream().findFirst(), bound, "no " + program + " process started");
    }

    /** Waits until the channel of a command running {@code program} was closed while the command still ran. */
    public void awaitHangup(String program, Duration bound) throws InterruptedException {
        await(() -> hangups.stream().filter(line -> program.equals(programOf(line))).findFirst(), bound,
                "no channel running " + program + " was closed");
    }

    private static String programOf(String line) {
        try {
            return new RecordedCommand(line, ShellWords.split(line), -1).program();
        } catch (ShellWords.UnsafeSyntaxException e) {
            return "";
        }
    }

    private <T> T await(java.util.function.Supplier<java.util.Optional<T>> condition, Duration bound, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (changes) {
            while (true) {
                java.util.Optional<T> found = condition.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure + " within " + bound);
                }
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** A new process for {@code argv}; the caller runs it and calls {@link EmulatedProcess#exited()}. */
    EmulatedProcess spawn(List<String> argv) {
        EmulatedProcess p = new EmulatedProcess(argv, ignoringTerm, this::changed);
        processes.add(p);
        changed();
        return p;
    }

    void hungUp(String commandLine) {
        hangups.add(commandLine);
        changed();
    }

    /** What a program answers to one exact argument list registered with {@link #reply}. */
    public record Reply(int exitStatus, String stdout, String stderr) {
    }

    /**
     * Makes the node answer exactly {@code argv} with {@code reply}, before any emulated program: for the read-only
     * probes a test wants to script (versions, load, disk space) without emulating each tool.
     */
    public void reply(List<String> argv, Reply reply) {
        replies.put(List.copyOf(argv), reply);
    }

    /** {@link #reply(List, Reply)} with exit status 0 and nothing on standard error. */
    public void reply(List<String> argv, String stdout) {
        reply(argv, new Reply(0, stdout, ""));
    }

    /** Every exec request so far, in order of completion. */
    public List<RecordedCommand> commands() {
        return List.copyOf(commands);
    }

    /** The recorded commands that ran {@code program}. */
    public List<RecordedCommand> commands(String program) {
        return commands.stream().filter(c -> program.equals(c.program())).toList();
    }

    public List<ImportedDisk> imports() {
        return List.copyOf(imports);
    }

    int execute(List<String> argv, java.io.InputStream in, java.io.OutputStream out, java.io.OutputStream err)
            throws IOException, InterruptedException {
        EmulatedProcess p = spawn(argv);
        try {
            return programs.run(p, in, out, err);
        } finally {
            p.exited();
        }
    }

    /** Closes the listener: the node becomes unreachable over SSH until {@link #restart()}. */
    public synchronized void stopListening() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listens again on the same port after {@link #stopListening()}. */
    public synchronized void restart() {
        // a stopped MINA server cannot start again: a fresh one with the same key takes over the port
        SshServer fresh = newServer(server.getPort());
        try {
            fresh.start();
            server = fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(p -> p.signal(EmulatedProcess.KILL)); // the node goes down with everything on it
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
