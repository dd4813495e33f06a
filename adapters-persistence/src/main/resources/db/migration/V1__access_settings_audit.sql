-- Access control, global settings and the audit log.
-- Times are timestamptz; the API turns them into epoch milliseconds.

CREATE TABLE admin_account (
    id                 BIGSERIAL PRIMARY KEY,
    username           VARCHAR(64)  NOT NULL,
    password_hash      VARCHAR(100) NOT NULL,
    -- grows on every password change; admin tokens carry it, so a change revokes them
    credential_version BIGINT       NOT NULL DEFAULT 1 CHECK (credential_version >= 1),
    name               VARCHAR(64),
    phone              VARCHAR(32),
    email              VARCHAR(128),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at      TIMESTAMPTZ,
    CONSTRAINT uq_admin_account_username UNIQUE (username)
);

CREATE TABLE api_key (
    id         BIGSERIAL PRIMARY KEY,
    app_id     VARCHAR(64)  NOT NULL,
    -- SHA-256 (hex) of the appkey; the appkey itself is never stored
    key_hash   CHAR(64)     NOT NULL,
    key_hint   VARCHAR(8),
    info       VARCHAR(255),
    enabled    BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_api_key_app_id UNIQUE (app_id)
);
CREATE INDEX ix_api_key_created_at ON api_key (created_at DESC, id DESC);

-- One row (id = 1) of system-wide settings.
CREATE TABLE system_settings (
    id                     SMALLINT PRIMARY KEY CHECK (id = 1),
    linux_system_disk_gb   INTEGER      NOT NULL DEFAULT 40 CHECK (linux_system_disk_gb BETWEEN 1 AND 65536),
    windows_system_disk_gb INTEGER      NOT NULL DEFAULT 60 CHECK (windows_system_disk_gb BETWEEN 1 AND 65536),
    default_bwlimit_kbps   INTEGER      NOT NULL DEFAULT 512000 CHECK (default_bwlimit_kbps >= 0),
    vnc_session_minutes    INTEGER      NOT NULL DEFAULT 120 CHECK (vnc_session_minutes > 0),
    recycle_bin_days       INTEGER      NOT NULL DEFAULT 3 CHECK (recycle_bin_days >= 0),
    controlled_secret      VARCHAR(128) NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO system_settings (id, controlled_secret)
VALUES (1, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''));

CREATE TABLE audit_log (
    id             BIGSERIAL PRIMARY KEY,
    request_id     VARCHAR(64),
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor_type     VARCHAR(16)  NOT NULL CHECK (actor_type IN ('ADMIN', 'API_KEY', 'ANONYMOUS')),
    actor          VARCHAR(128),
    method         VARCHAR(10)  NOT NULL,
    path           VARCHAR(512) NOT NULL,
    client_address VARCHAR(64),
    http_status    INTEGER      NOT NULL,
    result_code    INTEGER      NOT NULL,
    success        BOOLEAN      NOT NULL,
    duration_ms    BIGINT       NOT NULL,
    -- request body with every secret value masked, at most 4096 characters
    detail         TEXT
);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at DESC);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, occurred_at DESC);
CREATE INDEX ix_audit_log_request_id ON audit_log (request_id);
