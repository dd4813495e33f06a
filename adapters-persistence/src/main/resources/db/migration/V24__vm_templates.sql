-- Issue 8, template fast path: one template VM per (OS image, node, storage), made once by importing the image and
-- converting the VM to a template, then cloned by creates instead of importing the image again.
CREATE TABLE vm_template (
    id             BIGSERIAL PRIMARY KEY,
    -- SET NULL, not CASCADE: an image's delete starts the destroy of its templates, which removes the row once the
    -- template VM is gone from PVE; until then the row keeps the VMID held and says what is left to destroy
    os_image_id    BIGINT        CONSTRAINT fk_vm_template_os_image REFERENCES os_image (id) ON DELETE SET NULL,
    -- CASCADE: a node leaves this service with what it knew about the node (its VMID holds go the same way)
    node_id        BIGINT        NOT NULL CONSTRAINT fk_vm_template_node REFERENCES node (id) ON DELETE CASCADE,
    storage        VARCHAR(64)   NOT NULL,
    -- BUILDING, READY, FAILED, DESTROYING
    state          VARCHAR(16)   NOT NULL,
    -- set once the build reserved it (vmid_reservation, held as long as this row); null before
    vmid           INTEGER,
    reservation_id BIGINT,
    -- the storage allows linked clones (decided from its type when the build ends)
    linked_clones  BOOLEAN       NOT NULL DEFAULT FALSE,
    reason         VARCHAR(1024),
    operation_id   BIGINT,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- at most one template (and so one build at a time) per image, node and storage, across replicas
    CONSTRAINT uq_vm_template_image_node_storage UNIQUE (os_image_id, node_id, storage),
    CONSTRAINT ck_vm_template_state CHECK (state IN ('BUILDING', 'READY', 'FAILED', 'DESTROYING')),
    CONSTRAINT ck_vm_template_storage CHECK (storage ~ '^[a-z][a-z0-9_.-]{0,62}[a-z0-9]$'),
    CONSTRAINT ck_vm_template_vmid CHECK (vmid IS NULL OR vmid BETWEEN 100 AND 999999999),
    -- nothing is offered for cloning without its VM
    CONSTRAINT ck_vm_template_ready CHECK (state <> 'READY' OR (vmid IS NOT NULL AND os_image_id IS NOT NULL))
);
CREATE INDEX ix_vm_template_node ON vm_template (node_id);
