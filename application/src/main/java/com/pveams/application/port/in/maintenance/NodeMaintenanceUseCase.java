package com.pveams.application.port.in.maintenance;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.ImageFileName;
import com.pveams.domain.maintenance.NodeFetch;
import com.pveams.domain.maintenance.NodeHostStatus;

import java.time.Instant;
import java.util.List;

/**
 * Agentless node maintenance: what the legacy root agent on every node did that is still worth doing, over SSH
 * with the node's pinned host key. A health and version report, and the files of the node's image directory:
 * list, delete one, fetch one from a URL. Nothing outside that directory can be named.
 *
 * <p>Failures: unknown node 1002 (field {@code nodeId}); SSH not configured, unreachable, refused or timing out
 * 1003 saying which; a name leaving the directory, a refused URL or a digest mismatch 4000002 naming the field.
 */
public interface NodeMaintenanceUseCase {

    HostStatusView hostStatus(long nodeId);

    ImageDirectoryView imageFiles(long nodeId);

    /** @return whether there was such a file (deleting is idempotent) */
    boolean deleteImageFile(DeleteFileCommand command);

    /**
     * Fetches synchronously: the answer comes when the file is complete and verified (bounded by the SSH
     * download timeout). An existing file of that name is not replaced.
     */
    FetchedFile fetch(FetchCommand command);

    record HostStatusView(long nodeId, String nodeName, NodeHostStatus status) {
    }

    record ImageDirectoryView(long nodeId, String nodeName, String directory, List<FileView> files) {
        public ImageDirectoryView {
            files = List.copyOf(files);
        }
    }

    record FileView(String name, long sizeBytes, Instant modifiedAt) {
    }

    record FetchedFile(long nodeId, String fileName, String path, long sizeBytes, String checksumAlgorithm,
                       String checksum) {
    }

    record DeleteFileCommand(long nodeId, ImageFileName fileName) {
        public DeleteFileCommand {
            requirePositive(nodeId);
            if (fileName == null) {
                throw DomainException.required("fileName");
            }
        }

        public static DeleteFileCommand of(long nodeId, String fileName) {
            return new DeleteFileCommand(nodeId, new ImageFileName(fileName));
        }
    }

    record FetchCommand(long nodeId, NodeFetch fetch) {
        public FetchCommand {
            requirePositive(nodeId);
            if (fetch == null) {
                throw DomainException.required("url");
            }
        }

        public static FetchCommand of(long nodeId, String url, String fileName, String checksumAlgorithm, String checksum) {
            return new FetchCommand(nodeId, NodeFetch.of(url, fileName, checksumAlgorithm, checksum));
        }
    }

    private static void requirePositive(long nodeId) {
        if (nodeId < 1) {
            throw DomainException.invalid("nodeId", "必须是正整数", "must be a positive integer");
        }
    }
}
