package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.Checksum;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's image directory as the node resolves it, within one session. Paths are checked on the node with
 * {@code realpath -e}, because only the node can see symlinks.
 */
final class ImageDirectory {
    private static final Logger LOG = Logger.getLogger(ImageDirectory.class.getName());

    private final NodeSession session;
    private final String root;
    private final Duration commandTimeout;

    private ImageDirectory(NodeSession session, String root, Duration commandTimeout) {
        this.session = session;
        this.root = root;
        this.commandTimeout = commandTimeout;
    }

    /** Resolves the endpoint's image directory (it may itself be a symlink the operator set up); never {@code /}. */
    static ImageDirectory resolve(NodeSession session, Duration commandTimeout) {
        String dir = ImagePaths.directory(session.node().imageDirectory());
        CommandResult r = session.exec(ShellCommand.of("realpath", "-e", "--", dir), commandTimeout);
        String root = stripNewline(r.stdout());
        if (!r.succeeded() || !root.startsWith("/")) {
            throw new NodeShellException(Kind.COMMAND_FAILED, "the image directory " + dir
                    + " does not exist on " + session.node().host(), r, null);
        }
        if (root.equals("/") || root.indexOf('\n') >= 0) {
            throw new NodeShellException(Kind.REFUSED_PATH, "the image directory " + dir + " resolves to "
                    + ImagePaths.printable(root) + " on " + session.node().host());
        }
        return new ImageDirectory(session, root, commandTimeout);
    }

    String root() {
        return root;
    }

    /** {@code root/name} for a name {@link ImagePaths#fileName} accepted. */
    String pathOf(String name) {
        return root + "/" + name;
    }

    /**
     * Resolves {@code root/name} on the node (following every symlink) and checks it stays inside root.
     * Empty if the file does not exist.
     */
    Optional<String> realPathInside(String name) {
        CommandResult r = session.exec(ShellCommand.of("realpath", "-e", "--", pathOf(name)), commandTimeout);
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
        CommandResult r = session.execOk(ShellCommand.of(tool, "--", path), commandTimeout,
                "computing the " + algorithm + " digest");
        String hex = r.stdout().strip().split("\\s+", 2)[0];
        try {
            return new Checksum(algorithm, hex);
        } catch (IllegalArgumentException e) {
            throw new NodeShellException(Kind.COMMAND_FAILED, tool + " printed no digest", r, e);
        }
    }

    /** {@code mv -f -T}: atomic, and the target is never taken for a directory to move into. */
    void moveInto(String from, String to) {
        session.execOk(ShellCommand.of("mv", "-f", "-T", "--", from, to), commandTimeout,
                "moving the download into place");
    }

    void remove(String path, String what) {
        session.execOk(ShellCommand.of("rm", "-f", "--", path), commandTimeout, "removing " + what);
    }

    /** Best effort, for clean-up after a failure that is already being reported. */
    void removeQuietly(String path) {
        try {
            session.exec(ShellCommand.of("rm", "-f", "--", path), commandTimeout);
        } catch (NodeShellException e) {
            LOG.log(Level.WARNING, "could not remove the partial download " + path + " on "
                    + session.node().host(), e);
        }
    }

    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
