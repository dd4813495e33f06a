package com.pveams.application.port.out.image;

/** Where background downloads run: a bounded pool owned by the application, stopped with it. */
public interface DownloadWorkers {
    void submit(Runnable download);
}
