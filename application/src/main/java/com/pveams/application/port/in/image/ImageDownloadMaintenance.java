package com.pveams.application.port.in.image;

/**
 * Keeps background downloads honest across restarts and replicas: each replica vouches for its own running
 * downloads, and downloads whose replica stopped vouching are resumed (a PVE task can be waited for again) or failed.
 */
public interface ImageDownloadMaintenance {
    /** Renews the heartbeat of every download this replica runs. */
    void heartbeat();

    /** Resumes or fails downloads whose owner is gone; returns how many it handled. */
    int recoverOrphans();
}
