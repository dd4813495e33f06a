-- Nodes (issue 7, 节点池管理): what node registration and the node monitor record beyond V2.
ALTER TABLE node
    -- name of the PVE cluster the node reported (GET /cluster/status); NULL = a stand-alone node. Nodes of one
    -- cluster share one VMID space, so VMIDs are reserved per cluster, not per node.
    ADD COLUMN pve_cluster VARCHAR(64),
    -- legacy controllerStatus: 0 = the SSH login worked at the latest check, 1 = it did not, NULL = never checked
    ADD COLUMN ssh_status  SMALLINT,
    ADD CONSTRAINT ck_node_pve_cluster CHECK (pve_cluster ~ '^[^[:space:][:cntrl:]]{1,64}$'),
    ADD CONSTRAINT ck_node_ssh_status CHECK (ssh_status IN (0, 1));

-- nodes of one cluster (VMID reservations, cluster-wide reads)
CREATE INDEX ix_node_pve_cluster ON node (pve_cluster) WHERE pve_cluster IS NOT NULL;
-- selectNodeByPage: newest first
CREATE INDEX ix_node_created_at ON node (created_at DESC, id DESC);
-- deleteNodeById counts the VMs that still exist on the node (live or in the recycle bin)
CREATE INDEX ix_vm_node_existing ON vm (node_id) WHERE delete_state <> 2;
