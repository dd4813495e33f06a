-- Failed admin logins, kept in the database so that every replica throttles against the same count.
-- One row per failure and subject: scope 'u' counts a username, 'a' a client address. A successful login
-- forgives the username's rows only, so an address that sprays usernames stays throttled.
-- Rows older than the throttling window are purged by the housekeeping job.
CREATE TABLE login_failure (
    id        BIGSERIAL PRIMARY KEY,
    scope     CHAR(1)     NOT NULL CHECK (scope IN ('u', 'a')),
    subject   VARCHAR(64) NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_login_failure_subject ON login_failure (scope, subject, failed_at DESC);
CREATE INDEX ix_login_failure_failed_at ON login_failure (failed_at);
