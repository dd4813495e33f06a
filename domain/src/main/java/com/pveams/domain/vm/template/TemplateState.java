package com.pveams.domain.vm.template;

/** Where a template is in its life. */
public enum TemplateState {
    /** A build operation is making it: not to be cloned yet. */
    BUILDING,
    /** A template VM on PVE, ready to be cloned. */
    READY,
    /** The build failed and was undone (nothing left on PVE, VMID released); may be built again after a pause. */
    FAILED,
    /** Its image was deleted: a destroy operation removes the VM from PVE, then the row. */
    DESTROYING
}
