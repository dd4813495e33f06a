package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One authenticated SSH connection to a node. Every command gets its own exec channel and runs under a
 * {@link RemoteDeadline}, so a command that outlives its limit is stopped on the node, not only abandoned here.
 */
final class NodeSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeSession.class.getName());

    /** Output kept per stream; the rest is read and dropped so the channel never stalls. */
    static final int MAX_CAPTURED_BYTES = 1024 * 1024;
    private static final Duration READER_GRACE = Duration.ofSeconds(5);

    private final SSHClient ssh;
    private final NodeSshEndpoint node;

    NodeSession(SSHClient ssh, NodeSshEndpoint node) {
        this.ssh = ssh;
        this.node = node;
    }

    NodeSshEndpoint node() {
        return node;
    }

    /**
     * Runs {@code command} and returns its exit status and output.
     *
     * @throws NodeShellException TIMEOUT when the node stopped the command at its deadline or it ran past
     *                            {@code timeout}; UNREACHABLE when the connection broke
     */
    CommandResult exec(ShellCommand command, Duration timeout) {
        return exec(command, timeout, new byte[0]);
    }

    /** Like {@link #exec(ShellCommand, Duration)}, with {@code input} (small: a file's text) on the command's stdin. */
    CommandResult exec(ShellCommand command, Duration timeout, byte[] input) {
        RemoteDeadline deadline = RemoteDeadline.within(timeout);
        long timeoutMs = deadline.limit().toMillis();
        Session session;
        try {
            session = ssh.startSession();
        } catch (IOException e) {
            throw NodeConnector.unreachable(node.host(), node.port(), e);
        }
        try {
            long started = System.nanoTime();
            Session.Command cmd = session.exec(deadline.wrap(command).toCommandLine());
            try (java.io.OutputStream stdin = cmd.getOutputStream()) {
                stdin.write(input); // then end-of-file, also when there is nothing to send
            }
            Capture out = Capture.start(cmd.getInputStream(), "node-shell-stdout");
            Capture err = Capture.start(cmd.getErrorStream(), "node-shell-stderr");
            try {
                cmd.join(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                    throw timedOut(command, timeout, e);
                }
                throw NodeConnector.unreachable(node.host(), node.port(), e); // the connection broke while it ran
            }
            if (cmd.isOpen()) {
                // The node's own deadline (slightly earlier) stops the command there; we only stop waiting.
                throw timedOut(command, timeout, null);
            }
            String stdout = out.await(READER_GRACE);
            String stderr = err.await(READER_GRACE);
            Integer status = cmd.getExitStatus();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (status != null && deadline.stoppedTheCommand(status, elapsed)) {
                throw timedOut(command, timeout, null);
            }
            LOG.fine(() -> command.program() + " on " + node.host() + " exited with " + status);
            return new CommandResult(status == null ? -1 : status, stdout, stderr);
        } catch (IOException e) {
            throw NodeConnector.unreachable(node.host(), node.port(), e);
        } finally {
            try {
                session.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the channel failed", e);
            }
        }
    }

    /** Like {@link #exec}, but a non-zero exit is a COMMAND_FAILED naming {@code what}. */
    CommandResult execOk(ShellCommand command, Duration timeout, String what) {
        CommandResult r = exec(command, timeout);
        if (!r.succeeded()) {
            throw new NodeShellException(Kind.COMMAND_FAILED, what + " on " + node.host() + " failed (exit "
                    + r.exitStatus() + "): " + firstLine(r.stderr()), r, null);
        }
        return r;
    }

    private NodeShellException timedOut(ShellCommand command, Duration timeout, Exception cause) {
        return new NodeShellException(Kind.TIMEOUT, command.program() + " on " + node.host()
                + " did not finish within " + timeout + " (the node stops it at its own deadline)", null, cause);
    }

    @Override
    public void close() {
        NodeConnector.disconnectQuietly(ssh);
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
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
