-- Issue 8, password reset: the new guest password waits here (ciphertext, like guest_password_enc) from the request
-- until the reset's last step makes it the guest password, or the reset fails and drops it. Operation parameters
-- and step outputs refuse secrets (ck_operation_params), so this is how the password reaches the steps.
ALTER TABLE vm ADD COLUMN pending_guest_password_enc BYTEA;
ALTER TABLE vm ADD CONSTRAINT ck_vm_pending_guest_password_ciphertext
    CHECK (octet_length(pending_guest_password_enc) >= 28);
