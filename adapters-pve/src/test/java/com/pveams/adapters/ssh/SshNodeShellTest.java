package com.pveams.adapters.ssh;

import com.pveams.adapters.net.TestDns;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection, authentication, host key pinning and command execution against the emulated node. */
class SshNodeShellTest {
    private static final SshNodeShellConfig CONFIG = new SshNodeShellConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), false);

    @TempDir
    Path temp;

    private final KeyPair clientKey = NodeEmulator.generateHostKey();
    private NodeEmulator node;
    private SshNodeShell shell;

    @BeforeEach
    void start() {
        node = NodeEmulator.builder(temp).authorizedKey(clientKey.getPublic()).start();
        shell = new SshNodeShell(CONFIG, TestDns.resolver(Map.of()));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void probeReturnsTheOpenSshFingerprintOfTheHostKey() {
        String probed = shell.probeHostKey(node.host(), node.port());
        assertEquals(node.hostKeyFingerprint(), probed); // computed by MINA, independently
        assertTrue(probed.matches("SHA256:[A-Za-z0-9+/]{43}"), probed);
    }

    @Test
    void runsACommandWithPasswordAuthAndCapturesOutput() {
        CommandResult r = shell.run(node.endpoint(), List.of("echo", "hello", "node"), null);
        assertEquals(new CommandResult(0, "hello node\n", ""), r);
    }

    @Test
    void capturesExitStatusAndStderrOfAFailingCommand() {
        CommandResult r = shell.run(node.endpoint(), List.of("realpath", "-e", "--", "/nowhere"), null);
        assertEquals(1, r.exitStatus());
        assertEquals("", r.stdout());
        assertEquals("realpath: /nowhere: No such file or directory\n", r.stderr());
    }

    @Test
    void argumentsWithShellSyntaxArriveVerbatimAsSingleArguments() {
        node.writeFile("/root/sentinel", "keep".getBytes(StandardCharsets.UTF_8));
        List<String> argv = new ArrayList<>();
        argv.add("echo");
        argv.addAll(ShellCommandTest.HOSTILE);

        CommandResult r = shell.run(node.endpoint(), argv, null);

        assertEquals(0, r.exitStatus(), r.stderr());
        assertEquals(String.join(" ", ShellCommandTest.HOSTILE) + "\n", r.stdout());
        List<NodeEmulator.RecordedCommand> ran = node.commands();
        assertEquals(1, ran.size());
        assertEquals(argv, ran.get(0).command());
        assertTrue(Files.exists(node.path("/root/sentinel")));
    }

    @Test
    void aPinnedFingerprintThatDoesNotMatchIsRefusedBeforeAuthentication() {
        String other = KeyUtils.getFingerPrint(NodeEmulator.generateHostKey().getPublic());
        NodeSshEndpoint wrongPin = new NodeSshEndpoint(node.host(), node.port(), NodeEmulator.USER,
                SshCredentials.password(NodeEmulator.PASSWORD), other, node.imageDirectory());

        NodeShellException e = assertThrows(NodeShellException.class,
                () -> shell.run(wrongPin, List.of("echo", "should not run"), null));

        assertEquals(Kind.HOST_KEY_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(node.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains(other), e.getMessage());
        assertFalse(e.kind().retryable());
        assertTrue(node.commands().isEmpty());
    }

    @Test
    void aWrongPasswordIsAnAuthFailureThatDoesNotRevealThePassword() {
        NodeSshEndpoint wrong = node.endpoint(SshCredentials.password("not-the-password"));
        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.run(wrong, List.of("echo"), null));
        assertEquals(Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("not-the-password"));
        assertFalse(wrong.toString().contains("not-the-password"), wrong.toString());
        assertTrue(node.commands().isEmpty());
    }

    @Test
    void authenticatesWithAnUnencryptedPrivateKey() throws Exception {
        String pem = openSshPem(clientKey, null);
        CommandResult r = shell.run(node.endpoint(SshCredentials.privateKey(pem, null)), List.of("echo", "key"), null);
        assertEquals("key\n", r.stdout());
    }

    @Test
    void authenticatesWithAPassphraseProtectedPrivateKey() throws Exception {
        String pem = openSshPem(clientKey, "correct horse");
        assertTrue(pem.contains("OPENSSH PRIVATE KEY"));
        CommandResult r = shell.run(node.endpoint(SshCredentials.privateKey(pem, "correct horse")),
                List.of("echo", "encrypted key"), null);
        assertEquals("encrypted key\n", r.stdout());

        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.run(
                node.endpoint(SshCredentials.privateKey(pem, "wrong horse")), List.of("echo"), null));
        assertEquals(Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("wrong horse"));
    }

    @Test
    void aKeyTheNodeDoesNotKnowIsRefused() throws Exception {
        String pem = openSshPem(NodeEmulator.generateHostKey(), null);
        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.run(
                node.endpoint(SshCredentials.privateKey(pem, null)), List.of("echo"), null));
        assertEquals(Kind.AUTH, e.kind());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        NodeSshEndpoint endpoint = new NodeSshEndpoint("127.0.0.1", closed, "root", SshCredentials.password("x"),
                node.hostKeyFingerprint(), "/home/images");
        NodeShellException e = assertThrows(NodeShellException.class, () -> shell.run(endpoint, List.of("echo"), null));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.kind().retryable());
        assertEquals(Kind.UNREACHABLE, assertThrows(NodeShellException.class,
                () -> shell.probeHostKey("127.0.0.1", closed)).kind());
    }

    @Test
    void everyCommandRunsUnderTheNodesTimeoutBelowOurOwnLimit() {
        shell.run(node.endpoint(), List.of("echo", "hi"), Duration.ofSeconds(20));
        shell.run(node.endpoint(), List.of("echo", "default"), null);

        List<NodeEmulator.RecordedCommand> ran = node.commands();
        // 20 s: SIGTERM at 16 s, SIGKILL 2 s later, 2 s before we stop waiting
        assertEquals(List.of("timeout", "--kill-after=2s", "16s", "echo", "hi"), ran.get(0).argv());
        // the default 10 s of CONFIG
        assertEquals(List.of("timeout", "--kill-after=1s", "8s", "echo", "default"), ran.get(1).argv());
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedOnTheNode() throws Exception {
        NodeShellException e = assertThrows(NodeShellException.class,
                () -> shell.run(node.endpoint(), List.of("sleep", "86400"), Duration.ofMillis(700)));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.kind().retryable());

        NodeEmulator.ProcessRecord sleep = node.awaitProcessEnd("sleep", Duration.ofMinutes(1));
        assertEquals(List.of("sleep", "86400"), sleep.argv());
        assertEquals(List.of("TERM"), sleep.signals());
        assertTrue(node.processes().stream().noneMatch(NodeEmulator.ProcessRecord::running), node.processes().toString());
        // the node is still usable afterwards
        assertEquals("ok\n", shell.run(node.endpoint(), List.of("echo", "ok"), null).stdout());
    }

    @Test
    void aCommandThatIgnoresSigtermIsKilled() throws Exception {
        NodeEmulator stubborn = NodeEmulator.builder(temp.resolve("stubborn")).ignoresTerm("sleep").start();
        try {
            NodeShellException e = assertThrows(NodeShellException.class,
                    () -> shell.run(stubborn.endpoint(), List.of("sleep", "86400"), Duration.ofMillis(700)));
            assertEquals(Kind.TIMEOUT, e.kind());

            NodeEmulator.ProcessRecord sleep = stubborn.awaitProcessEnd("sleep", Duration.ofMinutes(1));
            assertEquals(List.of("TERM", "KILL"), sleep.signals());
            assertFalse(sleep.running());
        } finally {
            stubborn.close();
        }
    }

    @Test
    void theEmulatorLikeSshdLeavesAProgramRunningWhenItsChannelCloses() throws Exception {
        // Why the adapter needs the node-side deadline: closing the channel alone stops nothing.
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(node.hostKeyFingerprint());
            ssh.connect(node.host(), node.port());
            ssh.authPassword(NodeEmulator.USER, NodeEmulator.PASSWORD);
            try (Session session = ssh.startSession()) {
                session.exec("'sleep' '86400'");
            }
        }
        node.awaitHangup("sleep", Duration.ofMinutes(1));
        NodeEmulator.ProcessRecord sleep = node.awaitProcess("sleep", Duration.ofMinutes(1));
        assertTrue(sleep.running());
        assertEquals(List.of(), sleep.signals());
    }

    @Test
    void nulInAnArgumentIsRefusedBeforeConnecting() {
        assertThrows(IllegalArgumentException.class, () -> shell.run(node.endpoint(), List.of("echo", "a\0b"), null));
        assertTrue(node.commands().isEmpty());
    }

    static String openSshPem(KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenSSHKeyPairResourceWriter().writePrivateKey(key, "test", encryption, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
