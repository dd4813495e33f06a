package com.pveams.bootstrap.wiring;

import com.pveams.application.port.out.image.DownloadWorkers;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for image downloads ({@code ams.images.download-workers}); more downloads queue. On shutdown the
 * workers are interrupted: their jobs stay DOWNLOADING under this replica, whose heartbeat then goes stale, and
 * recovery resumes or fails them.
 */
@ApplicationScoped
public class ImageDownloadWorkers implements DownloadWorkers {
    private static final Logger LOG = Logger.getLogger(ImageDownloadWorkers.class);
    private final ExecutorService pool;

    @Inject
    public ImageDownloadWorkers(@ConfigProperty(name = "ams.images.download-workers", defaultValue = "4") int workers) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "image-download-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    @Override
    public void submit(Runnable download) {
        pool.execute(() -> {
            try {
                download.run();
            } catch (RuntimeException e) {
                LOG.error("Image download worker failed", e);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
