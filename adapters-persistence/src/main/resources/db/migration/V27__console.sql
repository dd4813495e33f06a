-- Issue 9, the browser console. A token opens one console: opened_at is set by the claim (single use), closed_at
-- when that console ends. requested_by is the caller of getVnc ("admin:<name>" / "api:<appid>") for the audit rows
-- of the console's open and close, which happen on a WebSocket without that caller's credentials.
ALTER TABLE vm_console_session
    ADD COLUMN opened_at    TIMESTAMPTZ,
    ADD COLUMN closed_at    TIMESTAMPTZ,
    ADD COLUMN requested_by VARCHAR(128),
    ADD CONSTRAINT ck_vm_console_session_closed CHECK (closed_at IS NULL OR opened_at IS NOT NULL);
