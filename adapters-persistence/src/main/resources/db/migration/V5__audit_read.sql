-- What the admin audit-log reader (getSystemLogs / getSystemLogDetail) shows beyond V1's columns.
-- The level and the one-line content are derived from the stored outcome, not stored.

-- API for every call, LOGIN for admin login attempts (the legacy log types); earlier rows get theirs from the path.
ALTER TABLE audit_log
    ADD COLUMN log_type VARCHAR(8) NOT NULL DEFAULT 'API'
        CONSTRAINT ck_audit_log_log_type CHECK (log_type IN ('API', 'LOGIN'));
UPDATE audit_log SET log_type = 'LOGIN' WHERE path LIKE '%/loginDo';

ALTER TABLE audit_log ADD COLUMN user_agent VARCHAR(256);
-- the response envelope with every secret value masked, at most 4096 characters (never kept for logins: the token)
ALTER TABLE audit_log ADD COLUMN response_body TEXT;

-- Filters of the reader: time (ix_audit_log_occurred_at) and request id (ix_audit_log_request_id) exist since V1;
-- the type filter walks the newest rows of one type. The keyword is a substring search without an index (a trigram
-- index needs the pg_trgm extension, which not every managed PostgreSQL lets us create).
CREATE INDEX ix_audit_log_type_occurred_at ON audit_log (log_type, occurred_at DESC);
