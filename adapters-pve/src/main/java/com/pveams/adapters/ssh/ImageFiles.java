package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.DiskImportResult;
import com.pveams.application.port.out.nodeshell.ImageFile;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files already in a node's image directory: import one as a VM disk, list them, delete one. */
final class ImageFiles {
    private static final Logger LOG = Logger.getLogger(ImageFiles.class.getName());
    private static final Pattern STORAGE_ID = Pattern.compile("[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern IMPORTED_VOLUME = Pattern.compile("Successfully imported disk as '(?:unused\\d+:)?([^']+)'");
    private static final int MIN_VMID = 100;
    private static final int MAX_VMID = 999_999_999;

    private final SshNodeShellConfig config;
    private final NodeConnector connector;

    ImageFiles(SshNodeShellConfig config, NodeConnector connector) {
        this.config = config;
        this.connector = connector;
    }

    DiskImportResult importDisk(NodeSshEndpoint node, int vmid, String imageFileName, String storage) {
        if (vmid < MIN_VMID || vmid > MAX_VMID) {
            throw new IllegalArgumentException("vmid must be " + MIN_VMID + ".." + MAX_VMID);
        }
        if (storage == null || !STORAGE_ID.matcher(storage).matches()) {
            throw new IllegalArgumentException("not a PVE storage id");
        }
        String name = ImagePaths.fileName(node.imageDirectory(), imageFileName);
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            String source = dir.realPathInside(name)
                    .orElseThrow(() -> new NodeShellException(Kind.NOT_FOUND, "the image " + name + " is not on the node"));
            CommandResult r = session.exec(ShellCommand.of("qm", "disk", "import", Integer.toString(vmid), source,
                    storage), config.importTimeout());
            if (!r.succeeded()) {
                throw new NodeShellException(Kind.COMMAND_FAILED, "qm disk import of " + name + " into VM " + vmid
                        + " on " + storage + " failed (exit " + r.exitStatus() + "): "
                        + NodeSession.lastLine(r.stderr()), r, null);
            }
            Matcher m = IMPORTED_VOLUME.matcher(r.stdout());
            return new DiskImportResult(m.find() ? Optional.of(m.group(1)) : Optional.empty(), r);
        }
    }

    List<ImageFile> list(NodeSshEndpoint node) {
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            CommandResult r = session.execOk(ShellCommand.of("find", dir.root(), "-mindepth", "1", "-maxdepth", "1",
                    "-type", "f", "-printf", "%s %T@ %f\\0"), config.commandTimeout(), "listing the image directory");
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
            files.sort(Comparator.comparing(ImageFile::name));
            return files;
        }
    }

    boolean delete(NodeSshEndpoint node, String imageFileName) {
        String name = ImagePaths.fileName(node.imageDirectory(), imageFileName);
        try (NodeSession session = connector.open(node)) {
            ImageDirectory dir = ImageDirectory.resolve(session, config.commandTimeout());
            if (dir.realPathInside(name).isEmpty()) {
                return false;
            }
            // The checked name itself goes (a symlink inside the directory is removed, not its target).
            dir.remove(dir.pathOf(name), name);
            return true;
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
}
