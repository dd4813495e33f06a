-- Issue 8, reconciliation: how a VM on PVE differs from its row, as the reconciliation job last saw it.
-- drift is {"<kind>": {"stored": "...", "pve": "..."|null}, ...} (kinds: missing, name, memory, cores);
-- both columns are NULL while the VM matches. drift_detected_at is when the current difference was first seen.
ALTER TABLE vm ADD COLUMN drift JSONB;
ALTER TABLE vm ADD COLUMN drift_detected_at TIMESTAMPTZ;
ALTER TABLE vm ADD CONSTRAINT ck_vm_drift_object
    CHECK (drift IS NULL OR (jsonb_typeof(drift) = 'object' AND drift_detected_at IS NOT NULL));
