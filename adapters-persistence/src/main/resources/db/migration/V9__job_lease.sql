-- Leases of periodic background jobs (housekeeping, key rotation, node monitor, image downloads, ...), so that
-- with several replicas on one database each job runs on one replica per period. One row per job, created by the
-- first replica that runs it. A replica takes the lease with one INSERT ... ON CONFLICT DO UPDATE ... WHERE
-- lease_until <= <its now>; the row keeps the lease after the run ends (until lease_until) so no other replica
-- repeats the job in the same period. A replica that dies mid-run leaves a lease that simply runs out.
CREATE TABLE job_lease (
    name             VARCHAR(64)   NOT NULL,
    -- replica id of the latest holder (host name plus a per-process random suffix)
    owner            VARCHAR(128)  NOT NULL,
    lease_until      TIMESTAMPTZ   NOT NULL,
    -- start of the latest run
    last_run_at      TIMESTAMPTZ   NOT NULL,
    -- end and outcome of the latest run that finished; last_finished_at < last_run_at: a run is going on, or
    -- its replica died
    last_finished_at TIMESTAMPTZ,
    last_outcome     VARCHAR(16),
    CONSTRAINT pk_job_lease PRIMARY KEY (name),
    CONSTRAINT ck_job_lease_name CHECK (name ~ '^[a-z][a-z0-9-]{0,63}$'),
    CONSTRAINT ck_job_lease_owner CHECK (length(btrim(owner)) > 0),
    CONSTRAINT ck_job_lease_term CHECK (lease_until > last_run_at),
    CONSTRAINT ck_job_lease_outcome CHECK (last_outcome IN ('SUCCEEDED', 'FAILED')),
    CONSTRAINT ck_job_lease_finished CHECK ((last_finished_at IS NULL) = (last_outcome IS NULL))
);
