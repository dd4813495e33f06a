-- ---------------------------------------------------------------------------------------------------------------
-- OS image downloads as durable background jobs (issue 7, OS images). os_image_node already holds a node's state
-- and progress; these columns make a download survive the replica that runs it:
--   owner / heartbeat_at  the replica working on it and when it last said so. A DOWNLOADING row whose heartbeat is
--                         older than the stale limit belongs to a dead replica and is resumed or failed by the
--                         recovery job, so no row stays "downloading" forever.
--   method                how the file is fetched: PVE (download-url into an import storage), SSH (curl into the
--                         image directory) or MANUAL (uploaded by hand, only recorded)
--   upid                  the PVE task of a PVE download, so a takeover waits for it instead of starting again
--   location              where the usable file is: a PVE volume id or an absolute path on the node
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE os_image_node
    ADD COLUMN owner        VARCHAR(128),
    ADD COLUMN heartbeat_at TIMESTAMPTZ,
    ADD COLUMN method       VARCHAR(8),
    ADD COLUMN upid         VARCHAR(255),
    ADD COLUMN location     VARCHAR(512);

-- a download in progress always has an owner and a heartbeat; any other state has neither
ALTER TABLE os_image_node ADD CONSTRAINT ck_os_image_node_owner
    CHECK ((state = 1) = (owner IS NOT NULL) AND (owner IS NULL) = (heartbeat_at IS NULL));
ALTER TABLE os_image_node ADD CONSTRAINT ck_os_image_node_method CHECK (method IN ('PVE', 'SSH', 'MANUAL'));
ALTER TABLE os_image_node ADD CONSTRAINT ck_os_image_node_upid CHECK (upid ~ '^UPID:');
-- a downloaded file is somewhere: nothing is marked usable without its location
ALTER TABLE os_image_node ADD CONSTRAINT ck_os_image_node_location CHECK (state <> 2 OR (location IS NOT NULL AND method IS NOT NULL));

-- the recovery job looks only at downloads in progress, oldest heartbeat first
CREATE INDEX ix_os_image_node_heartbeat ON os_image_node (heartbeat_at) WHERE state = 1;
