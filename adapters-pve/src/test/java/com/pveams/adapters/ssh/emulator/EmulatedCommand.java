package com.pveams.adapters.ssh.emulator;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One exec request: split the line, run the emulated program on its own thread, report the exit status. Closing the
 * channel early is recorded as a hang-up and does not stop the program, as with a real sshd and no terminal.
 */
final class EmulatedCommand implements Command {
    private final NodeEmulator node;
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Thread thread;
    private volatile boolean finished;

    EmulatedCommand(NodeEmulator node, String line) {
        this.node = node;
        this.line = line;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in; // only tee reads it (snippet writes)
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        thread = new Thread(this::runCommand, "node-emulator-exec");
        thread.setDaemon(true);
        thread.start();
    }

    private void runCommand() {
        List<String> argv = null;
        int status;
        try {
            argv = ShellWords.split(line);
            status = argv.isEmpty() ? 0 : node.execute(argv, in, out, err);
        } catch (ShellWords.UnsafeSyntaxException e) {
            status = 2;
            write(err, "sh: emulator refuses unquoted shell syntax: " + e.getMessage() + "\n");
        } catch (InterruptedException e) {
            status = 130;
        } catch (IOException | RuntimeException e) {
            status = 1;
            write(err, "emulator: " + e + "\n");
        }
        node.commands.add(new NodeEmulator.RecordedCommand(line, argv, status));
        finished = true;
        try {
            out.flush();
            err.flush();
        } catch (IOException ignored) {
            // the channel is gone
        }
        exit.onExit(status);
    }

    private static void write(OutputStream s, String text) {
        try {
            s.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the channel is gone
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (!finished) {
            node.hungUp(line);
        }
    }
}
