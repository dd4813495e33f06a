-- Every write to a node row that replicas keep in memory (node access: endpoints, secrets, pins, state) is
-- announced on the channel ams_node_change, by triggers so that no writer can forget it (admin edits, the node
-- monitor, secret rotation, hand-made SQL). NOTIFY is transactional: the announcement leaves at commit, and not at
-- all on rollback. Payloads: the node id, '*' (the table was truncated). Inserts are not announced: caches never
-- keep a node id that does not exist. Updates that change nothing (a monitor round confirming a state) are not either.
CREATE FUNCTION announce_node_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('ams_node_change', '*');
    ELSE
        PERFORM pg_notify('ams_node_change', OLD.id::text);
        IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            PERFORM pg_notify('ams_node_change', NEW.id::text);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER node_changed
    AFTER UPDATE ON node FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION announce_node_change();
CREATE TRIGGER node_deleted
    AFTER DELETE ON node FOR EACH ROW EXECUTE FUNCTION announce_node_change();
CREATE TRIGGER node_truncated
    AFTER TRUNCATE ON node FOR EACH STATEMENT EXECUTE FUNCTION announce_node_change();
