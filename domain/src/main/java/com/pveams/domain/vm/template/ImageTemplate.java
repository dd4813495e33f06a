package com.pveams.domain.vm.template;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.NodeStorage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The template VM of one OS image on one node's storage: creates clone it instead of importing the image. Made by
 * a build operation (BUILDING → READY, or FAILED with nothing left behind); a failed build may be tried again after
 * {@link #RETRY_PAUSE}, so an image that cannot be built does not start a build for every create.
 */
public final class ImageTemplate {
    public static final Duration RETRY_PAUSE = Duration.ofMinutes(10);
    /** Operation type and step kinds of the build and the destroy. */
    public static final String BUILD = "TEMPLATE_BUILD";
    public static final String BUILD_BEGIN = "TEMPLATE_BEGIN";
    public static final String BUILD_RESERVE = "TEMPLATE_RESERVE";
    public static final String BUILD_DEFINE = "TEMPLATE_DEFINE";
    public static final String BUILD_CONVERT = "TEMPLATE_CONVERT";
    public static final String BUILD_READY = "TEMPLATE_READY";
    public static final String DESTROY = "TEMPLATE_DESTROY";
    public static final String DESTROY_VM = "TEMPLATE_DESTROY_VM";
    public static final String DESTROY_FORGET = "TEMPLATE_FORGET";

    private final long id;
    private final Long osImageId;
    private final long nodeId;
    private final String storage;
    private TemplateState state;
    private Integer vmid;
    private Long reservationId;
    private boolean linkedClones;
    private String reason;
    private Instant updatedAt;

    public ImageTemplate(long id, Long osImageId, long nodeId, String storage, TemplateState state, Integer vmid,
                         Long reservationId, boolean linkedClones, String reason, Instant updatedAt) {
        this.id = id;
        this.osImageId = osImageId;
        this.nodeId = nodeId;
        this.storage = storage(storage);
        this.state = Objects.requireNonNull(state, "state");
        this.vmid = vmid;
        this.reservationId = reservationId;
        this.linkedClones = linkedClones;
        this.reason = reason;
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A PVE storage id, required: a template lives on one storage. */
    public static String storage(String raw) {
        String s = NodeStorage.storageId(raw, "storage");
        if (s == null) {
            throw DomainException.required("storage");
        }
        return s;
    }

    /** Ready to be cloned. */
    public boolean cloneable() {
        return state == TemplateState.READY;
    }

    /** A failed build may be started again once the pause since the failure has passed. */
    public boolean mayBuildAgain(Instant now) {
        return state == TemplateState.FAILED && !updatedAt.plus(RETRY_PAUSE).isAfter(now);
    }

    /** The build reserved the template's VMID. A re-run with the same VMID changes nothing. */
    public void assignVmid(long reservation, int newVmid, Instant now) {
        requireState(TemplateState.BUILDING, "assign a VMID");
        if (vmid != null && (vmid != newVmid || reservationId == null || reservationId != reservation)) {
            throw new IllegalStateException("template " + id + " already has VMID " + vmid);
        }
        vmid = newVmid;
        reservationId = reservation;
        updatedAt = now;
    }

    /** The template VM exists on PVE as a template. */
    public void ready(boolean linked, Instant now) {
        requireState(TemplateState.BUILDING, "mark ready");
        if (vmid == null) {
            throw new IllegalStateException("template " + id + " has no VMID");
        }
        linkedClones = linked;
        reason = null;
        state = TemplateState.READY;
        updatedAt = now;
    }

    /** The build failed and its undo removed the VM and released the VMID. */
    public void failed(String why, Instant now) {
        if (state != TemplateState.BUILDING) {
            return; // a re-run of the undo, or abandoned (the row goes)
        }
        state = TemplateState.FAILED;
        vmid = null;
        reservationId = null;
        reason = why;
        updatedAt = now;
    }

    /**
     * Its image is gone: the template is never cloned again and is to be destroyed. A build under way sees this and
     * fails, its undo removing what it made; a built one needs a destroy operation.
     *
     * @return true when a destroy operation must remove the VM from PVE
     */
    public boolean destroying(Instant now) {
        boolean built = state != TemplateState.BUILDING && vmid != null;
        state = TemplateState.DESTROYING;
        updatedAt = now;
        return built;
    }

    /** A build step must not go on: the image was deleted meanwhile. */
    public boolean abandoned() {
        return state == TemplateState.DESTROYING;
    }

    private void requireState(TemplateState expected, String what) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + what + " of template " + id + " in state " + state);
        }
    }

    public long id() { return id; }
    public Long osImageId() { return osImageId; }
    public long nodeId() { return nodeId; }
    public String storage() { return storage; }
    public TemplateState state() { return state; }
    public Integer vmid() { return vmid; }
    public Long reservationId() { return reservationId; }
    /** True when clones of it may be linked (its storage supports them); false means full clones. */
    public boolean linkedClones() { return linkedClones; }
    public String reason() { return reason; }
    public Instant updatedAt() { return updatedAt; }
}
