package com.pveams.application.port.out.nodeshell;

/**
 * Small text files a node's PVE hands to guests (cloud-init snippets), written over the node's SSH login. The
 * endpoint's {@link NodeSshEndpoint#imageDirectory()} is the one directory the call may touch (a storage's
 * {@code snippets} directory); names are flat, and a name that resolves outside it on the node is refused.
 */
public interface NodeSnippets {

    /**
     * Writes {@code content} (UTF-8) as {@code fileName}, replacing a file of that name; the file appears complete
     * or not at all, so writing it again is harmless.
     *
     * @throws NodeShellException REFUSED_PATH, COMMAND_FAILED (the directory is missing or not writable), TIMEOUT, or
     *                            a connection kind
     */
    void write(NodeSshEndpoint directory, String fileName, String content);

    /** Removes {@code fileName}; {@code false} if there was none. */
    boolean delete(NodeSshEndpoint directory, String fileName);
}
