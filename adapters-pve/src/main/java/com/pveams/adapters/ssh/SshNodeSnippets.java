package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSnippets;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * {@link NodeSnippets} over SSH with the confinement of the image directory ({@link ImageDirectory}: the directory
 * and any existing file resolved on the node). The text goes to {@code tee} on stdin into a hidden file beside the
 * target, then {@code mv -f -T} puts it in place atomically: PVE never reads half a file.
 */
@ApplicationScoped
public class SshNodeSnippets implements NodeSnippets {
    private final SshNodeShellConfig config;
    private final NodeConnector connector;

    @Inject
    public SshNodeSnippets(Instance<SshNodeShellConfig> config) {
        this(config.isResolvable() ? config.get() : SshNodeShellConfig.defaults());
    }

    public SshNodeSnippets(SshNodeShellConfig config) {
        this.config = config;
        this.connector = new NodeConnector(config.connectTimeout());
    }

    @Override
    public void write(NodeSshEndpoint node, String fileName, String content) {
        String name = ImagePaths.fileName(node.imageDirectory(), fileName);
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            dir.realPathInside(name); // an existing name (a symlink) pointing elsewhere is refused
            String partial = dir.pathOf("." + name + ".part");
            var r = session.exec(ShellCommand.of("tee", "--", partial), config.commandTimeout(),
                    content.getBytes(StandardCharsets.UTF_8));
            if (!r.succeeded()) {
                dir.removeQuietly(partial);
                throw new NodeShellException(Kind.COMMAND_FAILED, "writing " + name + " on " + node.host()
                        + " failed (exit " + r.exitStatus() + "): " + NodeSession.lastLine(r.stderr()), r, null);
            }
            dir.moveInto(partial, dir.pathOf(name));
        }
    }

    @Override
    public boolean delete(NodeSshEndpoint node, String fileName) {
        String name = ImagePaths.fileName(node.imageDirectory(), fileName);
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            if (dir.realPathInside(name).isEmpty()) {
                return false;
            }
            dir.remove(dir.pathOf(name), name);
            return true;
        }
    }
}
