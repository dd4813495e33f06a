-- Every change to a credential that replicas keep in memory is announced on the channel ams_credential_change,
-- by triggers so that no writer can forget it. NOTIFY is transactional: the announcement leaves at commit, and
-- not at all on rollback. Payloads: 'api_key:<app_id>', 'admin:<id>', '*' (a table was truncated).
-- Only changes to what authentication reads are announced (an admin's login time or an API key's note are not),
-- and inserts are not: caches never keep an appid or admin id that does not exist.
CREATE FUNCTION announce_credential_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('ams_credential_change', '*');
    ELSIF TG_TABLE_NAME = 'api_key' THEN
        PERFORM pg_notify('ams_credential_change', 'api_key:' || OLD.app_id);
        IF TG_OP = 'UPDATE' AND NEW.app_id <> OLD.app_id THEN
            PERFORM pg_notify('ams_credential_change', 'api_key:' || NEW.app_id);
        END IF;
    ELSE
        PERFORM pg_notify('ams_credential_change', 'admin:' || OLD.id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_key_credential_changed
    AFTER UPDATE ON api_key FOR EACH ROW
    WHEN (OLD.app_id IS DISTINCT FROM NEW.app_id OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
          OR OLD.enabled IS DISTINCT FROM NEW.enabled OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION announce_credential_change();
CREATE TRIGGER api_key_credential_deleted
    AFTER DELETE ON api_key FOR EACH ROW EXECUTE FUNCTION announce_credential_change();
CREATE TRIGGER api_key_credentials_truncated
    AFTER TRUNCATE ON api_key FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_change();

CREATE TRIGGER admin_account_credential_changed
    AFTER UPDATE ON admin_account FOR EACH ROW
    WHEN (OLD.username IS DISTINCT FROM NEW.username OR OLD.password_hash IS DISTINCT FROM NEW.password_hash
          OR OLD.credential_version IS DISTINCT FROM NEW.credential_version OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION announce_credential_change();
CREATE TRIGGER admin_account_credential_deleted
    AFTER DELETE ON admin_account FOR EACH ROW EXECUTE FUNCTION announce_credential_change();
CREATE TRIGGER admin_account_credentials_truncated
    AFTER TRUNCATE ON admin_account FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_change();
