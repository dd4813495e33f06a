-- Reservations of issue 8 (VM provisioning): VMIDs unique per VMID space, not per node.
--
-- Nodes of one PVE cluster share one VMID space (a VMID names one guest cluster-wide); a stand-alone node has its
-- own. The space is derived from the node row with the same rule as the domain's Node.vmidSpace() (an end-to-end
-- test compares the two), so no caller can file a reservation under the wrong space.
ALTER TABLE node ADD COLUMN vmid_space VARCHAR(400) GENERATED ALWAYS AS (
    CASE WHEN pve_cluster IS NOT NULL THEN 'cluster:' || pve_cluster
         ELSE 'node:' || host || ':' || api_port::text || '/' || pve_node_name END) STORED;
-- VMIDs taken by the VM rows of a space (reservation candidates skip them)
CREATE INDEX ix_node_vmid_space ON node (vmid_space, id);

ALTER TABLE vmid_reservation
    -- copied from the reserving node at insert: the reservation keeps its space if the node later joins a cluster
    ADD COLUMN vmid_space   VARCHAR(400),
    -- PVE answered "already exists" for this VMID: a guest we do not know holds it; kept out of use until
    -- reserved_until (a hold, not forever: that guest may go away)
    ADD COLUMN pve_conflict BOOLEAN NOT NULL DEFAULT FALSE;
-- no VM was provisioned before this version, so existing rows (if any) are unbound leftovers of tests
UPDATE vmid_reservation r SET vmid_space = n.vmid_space FROM node n WHERE n.id = r.node_id;
ALTER TABLE vmid_reservation
    ALTER COLUMN vmid_space SET NOT NULL,
    -- per node was too narrow: two nodes of one cluster could hold the same VMID
    DROP CONSTRAINT uq_vmid_reservation_node_vmid,
    ADD CONSTRAINT uq_vmid_reservation_space_vmid UNIQUE (vmid_space, vmid);
-- reservations of a node (node deletion cascade)
CREATE INDEX ix_vmid_reservation_node ON vmid_reservation (node_id);
