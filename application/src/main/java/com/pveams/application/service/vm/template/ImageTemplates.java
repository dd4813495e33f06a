package com.pveams.application.service.vm.template;

import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.template.ImageTemplateStore;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The template fast path: which template a create may clone, and the builds that make them (on the first create
 * that finds none, and right after an image is downloaded to a node). Never waits for a build.
 */
@Singleton
public class ImageTemplates {
    private static final Logger LOG = Logger.getLogger(ImageTemplates.class.getName());
    private static final String IMAGES = "images";

    private final ImageTemplateStore store;
    private final TemplateWrites writes;
    private final NodeConnections nodes;
    private final HypervisorNodes pve;

    @Inject
    public ImageTemplates(ImageTemplateStore store, TemplateWrites writes, NodeConnections nodes, HypervisorNodes pve) {
        this.store = store;
        this.writes = writes;
        this.nodes = nodes;
        this.pve = pve;
    }

    /**
     * A ready template of the image on the node's storage, to clone; empty means "import the image" (none yet, or
     * being built). When there is none, a build is started (at most one per image, node and storage) for the
     * creates after this one.
     */
    public Optional<ImageTemplate> readyTemplate(long osImageId, long nodeId, String storage) {
        String st = ImageTemplate.storage(storage);
        Optional<ImageTemplate> t = store.find(osImageId, nodeId, st);
        if (t.isPresent() && t.get().cloneable()) {
            return t;
        }
        startQuietly(osImageId, nodeId, st);
        return Optional.empty();
    }

    /**
     * The image just finished downloading to the node: build its template on the storage creates use there (the
     * node's automatic storage, else the active one for VM disks with the most free space).
     */
    public void imageDownloaded(long osImageId, long nodeId) {
        try {
            defaultStorage(nodeId).ifPresent(st -> startQuietly(osImageId, nodeId, st));
        } catch (RuntimeException e) {
            // the fast path is an optimisation: the first create starts the build instead
            LOG.log(Level.INFO, "No template build after the download of image " + osImageId + " to node " + nodeId
                    + ": " + e);
        }
    }

    private Optional<String> defaultStorage(long nodeId) {
        Optional<String> auto = writes.autoStorage(nodeId);
        if (auto.isPresent()) {
            return auto;
        }
        var api = nodes.find(nodeId).flatMap(NodeConnections.NodeAccess::api);
        if (api.isEmpty()) {
            return Optional.empty();
        }
        return pve.storages(api.get(), Optional.of(IMAGES)).stream()
                .filter(s -> s.active() && s.enabled() && s.holds(IMAGES))
                .max(Comparator.comparingLong(StorageInfo::available)).map(StorageInfo::storage);
    }

    private void startQuietly(long osImageId, long nodeId, String storage) {
        try {
            writes.startBuildIfNeeded(osImageId, nodeId, storage);
        } catch (RuntimeException e) {
            // a create must not fail because its template could not be started: it imports instead
            LOG.log(Level.WARNING, "Could not start the template build of image " + osImageId + " on node " + nodeId
                    + " storage " + storage, e);
        }
    }
}
