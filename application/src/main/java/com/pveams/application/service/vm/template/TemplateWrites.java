package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.image.ImageDownloadRepository;
import com.pveams.application.port.out.node.NodeRepository;
import com.pveams.application.port.out.template.ImageTemplateStore;
import com.pveams.domain.image.DownloadState;
import com.pveams.domain.image.ImageDownload;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.vm.template.ImageTemplate;
import com.pveams.domain.vm.template.TemplateState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The registry's transactions: starting builds and destroys, and the state changes of their steps. */
@Singleton
public class TemplateWrites {
    static final String REQUESTED_BY = "system";

    private final ImageTemplateStore store;
    private final ImageDownloadRepository downloads;
    private final NodeRepository nodes;
    private final VmidReservations vmids;
    private final StartOperation operations;
    private final Clock clock;

    @Inject
    public TemplateWrites(ImageTemplateStore store, ImageDownloadRepository downloads, NodeRepository nodes,
                          VmidReservations vmids, StartOperation operations, Clock clock) {
        this.store = store;
        this.downloads = downloads;
        this.nodes = nodes;
        this.vmids = vmids;
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * Starts a build unless the image is not downloaded on the node, or a row for the key exists that is not a failed
     * build past its pause. Its own transaction: the build starts whatever becomes of the caller's work.
     *
     * @return the build operation's id, or empty when none was started
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> startBuildIfNeeded(long osImageId, long nodeId, String storage) {
        if (imageFile(osImageId, nodeId).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ImageTemplate> existing = store.find(osImageId, nodeId, storage);
        long id;
        if (existing.isEmpty()) {
            Optional<ImageTemplate> inserted = store.insertBuilding(osImageId, nodeId, storage, now);
            if (inserted.isEmpty()) {
                return Optional.empty(); // another request or replica started it
            }
            id = inserted.get().id();
        } else if (existing.get().mayBuildAgain(now) && store.restartFailed(existing.get().id(),
                existing.get().updatedAt(), now)) {
            id = existing.get().id();
        } else {
            return Optional.empty();
        }
        long operationId = operations.start(NewOperation.of(ImageTemplate.BUILD, null, nodeId,
                Map.of("templateId", id, "osImageId", osImageId, "storage", storage), REQUESTED_BY,
                ImageTemplate.BUILD_BEGIN, ImageTemplate.BUILD_RESERVE, ImageTemplate.BUILD_DEFINE,
                ImageTemplate.BUILD_CONVERT, ImageTemplate.BUILD_READY));
        store.recordOperation(id, operationId);
        return Optional.of(operationId);
    }

    /** The image's file on the node (a PVE volume id or an absolute path), when it is downloaded there. */
    public Optional<String> imageFile(long osImageId, long nodeId) {
        return downloads.find(osImageId, nodeId).filter(d -> d.state() == DownloadState.DOWNLOADED)
                .map(ImageDownload::location);
    }

    /** The storage the admin set for "auto" on the node, if any. */
    @Transactional
    public Optional<String> autoStorage(long nodeId) {
        return nodes.findById(nodeId).map(n -> n.node().autoStorage());
    }

    @Transactional
    public Optional<ImageTemplate> find(long templateId) {
        return store.lock(templateId);
    }

    /** Records the VMID the build reserved and holds it for as long as the template lives. */
    @Transactional
    public ImageTemplate assignVmid(long templateId, VmidReservations.Reservation r) {
        return change(templateId, t -> {
            t.assignVmid(r.id(), r.vmid(), clock.instant());
            store.holdVmid(r.id());
        });
    }

    @Transactional
    public ImageTemplate ready(long templateId, boolean linkedClones) {
        return change(templateId, t -> t.ready(linkedClones, clock.instant()));
    }

    /**
     * The build's last undo: the VMID goes back and the row says FAILED; the row of an image deleted meanwhile goes
     * altogether.
     */
    @Transactional
    public void failed(long templateId, String why) {
        store.lock(templateId).ifPresent(t -> {
            if (t.reservationId() != null) {
                vmids.release(t.reservationId());
            }
            if (t.abandoned()) {
                store.delete(t.id());
                return;
            }
            t.failed(why, clock.instant());
            store.save(t);
        });
    }

    /**
     * In the image delete's transaction: no template of the image is cloned any more; a built one is destroyed by
     * its own operation, a build under way fails and undoes itself, a failed build's row just goes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void destroyTemplatesOf(long osImageId) {
        for (ImageTemplate t : store.ofImage(osImageId)) {
            ImageTemplate locked = store.lock(t.id()).orElseThrow();
            boolean building = locked.state() == TemplateState.BUILDING;
            boolean built = locked.destroying(clock.instant());
            store.save(locked);
            if (built) {
                long operationId = operations.start(NewOperation.of(ImageTemplate.DESTROY, null, locked.nodeId(),
                        Map.of("templateId", locked.id(), "vmid", locked.vmid()), REQUESTED_BY,
                        ImageTemplate.DESTROY_VM, ImageTemplate.DESTROY_FORGET));
                store.recordOperation(locked.id(), operationId);
            } else if (!building) {
                forget(locked);
            }
        }
    }

    /** The template VM is gone from PVE: the row and its VMID hold go. */
    @Transactional
    public void forget(long templateId) {
        store.lock(templateId).ifPresent(this::forget);
    }

    private void forget(ImageTemplate t) {
        if (t.reservationId() != null) {
            vmids.release(t.reservationId());
        }
        store.delete(t.id());
    }

    private ImageTemplate change(long templateId, Consumer<ImageTemplate> change) {
        ImageTemplate t = store.lock(templateId).orElseThrow(() -> new IllegalStateException(
                "template " + templateId + " is gone"));
        change.accept(t);
        store.save(t);
        return t;
    }
}
