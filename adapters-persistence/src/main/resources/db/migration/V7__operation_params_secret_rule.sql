-- Operation parameters refuse secret-looking keys at any depth. The pattern is the one rule of the domain's
-- SecretFields (also used by the audit redactor and the PVE error mapper); SchemaMigrationTest fails when the two
-- differ, so a change to SecretFields comes with a migration like this one.
ALTER TABLE operation DROP CONSTRAINT ck_operation_params;
ALTER TABLE operation ADD CONSTRAINT ck_operation_params CHECK (jsonb_typeof(params) = 'object'
    AND NOT (params @? '$.** ? (@.type() == "object").keyvalue() ? (@.key like_regex "(password|passwd|pwd|secret|token|appkey|apikey|authorization|cookie|ticket|privatekey|private_key|credential|csrf|^otp$)" flag "i")'));
