-- The VM lists page the ids of live rows first (ORDER BY ... LIMIT/OFFSET on vm alone), then join the page's rows.
-- These let that step be an index-only walk in the list's order, for the whole list and its status/node filters
-- (newest-first is ix_vm_created_at_live of V2).
CREATE INDEX ix_vm_live_id ON vm (id) WHERE delete_state = 0;
CREATE INDEX ix_vm_live_status_id ON vm (status, id) WHERE delete_state = 0;
CREATE INDEX ix_vm_live_node_id ON vm (node_id, id) WHERE delete_state = 0;
