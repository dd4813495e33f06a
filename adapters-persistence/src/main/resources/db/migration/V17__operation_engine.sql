-- The durable operation engine (issue 8) on the V2 tables: what a step produced, and the undo phase's own
-- attempts and PVE task (a step that is undone keeps the record of how it ran).

ALTER TABLE operation_step
    -- the step's result, read by later steps and by its own undo. Never secrets, by the same rule as
    -- ck_operation_params (the domain's SecretFields).
    ADD COLUMN output        JSONB        NOT NULL DEFAULT '{}',
    -- attempts at undoing the step, bounded by max_attempts like the forward attempts
    ADD COLUMN undo_attempts INTEGER      NOT NULL DEFAULT 0,
    -- PVE task the undo waits for (upid keeps the forward run's task)
    ADD COLUMN undo_upid     VARCHAR(255),
    -- since when the current PVE task is waited for: task polls slow down the longer it runs
    ADD COLUMN waiting_since TIMESTAMPTZ;

ALTER TABLE operation_step
    ADD CONSTRAINT ck_operation_step_output CHECK (jsonb_typeof(output) = 'object'
        AND NOT (output @? '$.** ? (@.type() == "object").keyvalue() ? (@.key like_regex "(password|passwd|pwd|secret|token|appkey|apikey|authorization|cookie|ticket|privatekey|private_key|credential|csrf|^otp$)" flag "i")')),
    ADD CONSTRAINT ck_operation_step_undo_attempts CHECK (undo_attempts >= 0 AND undo_attempts <= max_attempts),
    ADD CONSTRAINT ck_operation_step_undo_upid CHECK (undo_upid ~ '^UPID:');
