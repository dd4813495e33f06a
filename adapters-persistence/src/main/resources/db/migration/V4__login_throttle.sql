-- Admin login attempts (replacing V3's login_failure, whose rows only matter for minutes and are dropped).
-- One row per admitted attempt: it counts as a failure from the moment it is reserved, before the password is
-- checked, so parallel attempts see each other; a success marks it `succeeded` (it no longer counts) and forgives
-- the earlier failures of the same username from the same address (`forgiven`: they still count for the address).
-- Refused attempts leave no row. Rows older than the throttling window are purged by the housekeeping job.
DROP TABLE login_failure;

CREATE TABLE login_attempt (
    id                   BIGSERIAL   PRIMARY KEY,
    username             VARCHAR(64) NOT NULL,
    client_address       VARCHAR(64) NOT NULL,
    attempted_at         TIMESTAMPTZ NOT NULL,
    succeeded            BOOLEAN     NOT NULL DEFAULT false,
    forgiven             BOOLEAN     NOT NULL DEFAULT false,
    -- Each attempt's position among the attempts of its username at its address, of its address, and of its
    -- username. A reservation takes the next position in all three after reading the history it is judged on;
    -- a concurrent one judged on the same history takes a same position and inserts nothing (ON CONFLICT DO
    -- NOTHING), then judges again. This makes check-and-reserve atomic across replicas without locks.
    username_address_seq INTEGER     NOT NULL,
    address_seq          INTEGER     NOT NULL,
    username_seq         INTEGER     NOT NULL,
    CONSTRAINT uq_login_attempt_username_address_seq UNIQUE (username, client_address, username_address_seq),
    CONSTRAINT uq_login_attempt_address_seq UNIQUE (client_address, address_seq),
    CONSTRAINT uq_login_attempt_username_seq UNIQUE (username, username_seq)
);
CREATE INDEX ix_login_attempt_username ON login_attempt (username, attempted_at DESC);
CREATE INDEX ix_login_attempt_address ON login_attempt (client_address, attempted_at DESC);
CREATE INDEX ix_login_attempt_attempted_at ON login_attempt (attempted_at);
