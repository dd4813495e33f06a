package com.pveams.application.port.in.image;

import com.pveams.domain.error.DomainException;

/**
 * {@code downloadOs}: puts an image's file on a node as a background job. The answer comes once the job is recorded
 * (its state and progress then show in the image's {@code nodeStatus}); an uploaded-by-hand image is only recorded.
 */
public interface DownloadOsImageUseCase {
    Started start(DownloadCommand command);

    record DownloadCommand(long osId, long nodeId) {
        public DownloadCommand {
            if (osId < 1) {
                throw DomainException.invalid("osId", "必须是正整数", "must be a positive integer");
            }
            if (nodeId < 1) {
                throw DomainException.invalid("nodeId", "必须是正整数", "must be a positive integer");
            }
        }
    }

    /** @param background true when a download job was started, false when an upload was only recorded */
    record Started(boolean background) {
    }
}
