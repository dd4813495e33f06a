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
 * {@code qm importdisk}, {@code pveversion} and {@code cat}, plus {@code echo} and {@code sleep} for tests) against a directory that plays the node's
 * file system. curl answers from URL fixtures registered with {@link #serve} and friends, never the network.
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
        public String program() {
            return argv == null || argv.isEmpty() ? "" : argv.get(0);
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
    final List<RecordedCommand> commands = new CopyOnWriteArrayList<>();
    final List<ImportedDisk> imports = new CopyOnWriteArrayList<>();
    private final NodeCommands programs;

    private NodeEmulator(Builder b) throws IOException {
        this.hostKey = b.hostKey != null ? b.hostKey : generateHostKey();
        Files.createDirectories(b.workDir.resolve("fs"));
        this.fsRoot = b.workDir.resolve("fs").toRealPath();
        this.imageDirectory = b.imageDirectory;
        this.storages = Set.copyOf(b.storages);
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

    int execute(List<String> argv, java.io.OutputStream out, java.io.OutputStream err)
            throws IOException, InterruptedException {
        return programs.run(argv, out, err);
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
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
