package com.pveams.application.port.out.nodeshell;

import java.time.Duration;
import java.util.List;

/**
 * Commands on a PVE node's own shell, for the few things the PVE HTTP API cannot do (or not safely): fetch an OS
 * image onto the node, import it as a VM disk, and keep the node's image directory tidy.
 *
 * <p>Every call opens its own authenticated session to the node described by a {@link NodeSshEndpoint}, after the
 * node proved it holds the host key pinned when it was registered. Arguments are always passed as an argument list;
 * an implementation must make sure each one reaches the node as exactly one argument, whatever it contains.
 *
 * <p>Failures are {@link NodeShellException}s whose {@link NodeShellException.Kind} says what went wrong. Arguments
 * that break the documented contract (an invalid VM id, a storage id PVE would reject, a NUL character in an
 * argument) are programming errors and raise {@link IllegalArgumentException}.
 */
public interface NodeShell {

    /**
     * Connects to {@code host:port} without authenticating and returns the SHA-256 fingerprint of the host key the
     * node presents, formatted like OpenSSH ({@code SHA256:} + unpadded base64). Used once, when a node is added, so
     * an operator can confirm it (trust on first use) and store it in {@link NodeSshEndpoint#hostKeyFingerprint()}.
     */
    String probeHostKey(String host, int port);

    /**
     * Runs {@code argv} on the node. The result carries the exit status whatever it is; a non-zero status is not an
     * exception here.
     *
     * @param timeout how long the command may run; {@code null} means the adapter's default command timeout
     * @throws NodeShellException TIMEOUT when the command outlives {@code timeout} (an implementation stops it on the
     *                            node too, not only stops waiting); HOST_KEY_MISMATCH, AUTH,
     *                            UNREACHABLE on connection problems
     */
    CommandResult run(NodeSshEndpoint node, List<String> argv, Duration timeout);

    /**
     * Downloads {@code request.url()} into the node's image directory under {@code request.fileName()}. The file
     * appears under its final name only once it is complete and its checksum matches; a failed or mismatching
     * download leaves no file behind.
     *
     * @throws NodeShellException REFUSED_URL (scheme, or a target in a private/loopback/link-local range),
     *                            REFUSED_PATH (the name leaves the image directory), CHECKSUM_MISMATCH,
     *                            COMMAND_FAILED (HTTP error, network error on the node), TIMEOUT, or a connection kind
     */
    DownloadResult download(NodeSshEndpoint node, DownloadRequest request);

    /**
     * Imports the image file {@code imageFileName} (in the node's image directory) as a new unused disk of VM
     * {@code vmid} on storage {@code storage} ({@code qm disk import}).
     *
     * @throws IllegalArgumentException if vmid is outside 100..999999999 or storage is not a valid PVE storage id
     * @throws NodeShellException       REFUSED_PATH, NOT_FOUND (no such image), COMMAND_FAILED (qm refused),
     *                                  TIMEOUT, or a connection kind
     */
    DiskImportResult importDisk(NodeSshEndpoint node, int vmid, String imageFileName, String storage);

    /** The regular files directly in the node's image directory (no hidden files, directories or symlinks). */
    List<ImageFile> listImages(NodeSshEndpoint node);

    /**
     * Deletes one file from the node's image directory.
     *
     * @return {@code false} if there was no such file (deleting is idempotent)
     * @throws NodeShellException REFUSED_PATH if the name, or what it links to, is outside the image directory
     */
    boolean deleteImage(NodeSshEndpoint node, String imageFileName);
}
