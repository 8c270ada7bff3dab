-- Retention (ADR 0015): the event log and the inbox would otherwise grow forever. Each purge is a SECURITY DEFINER
-- function (the app role sees one tenant at a time; these sweep all), deleting in bounded batches.

-- Events already appended to the live stream and older than the cutoff; an event not yet streamed is never purged.
CREATE FUNCTION platform.purge_events(p_before timestamptz, p_limit int) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH gone AS (
        DELETE FROM platform.events e USING (
            SELECT tenant_id, seq FROM platform.events
             WHERE streamed_at IS NOT NULL AND recorded_at < p_before
             LIMIT p_limit FOR UPDATE SKIP LOCKED) old
         WHERE e.tenant_id = old.tenant_id AND e.seq = old.seq
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
CREATE INDEX events_recorded ON platform.events (recorded_at) WHERE streamed_at IS NOT NULL;

-- Inbox entries guard against a second delivery of a job, which can only come while its claim may still expire
-- (minutes); kept far longer than that, then purged.
CREATE FUNCTION platform.purge_inbox(p_before timestamptz, p_limit int) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH gone AS (
        DELETE FROM platform.inbox i USING (
            SELECT tenant_id, handler, message_id FROM platform.inbox WHERE processed_at < p_before
             LIMIT p_limit FOR UPDATE SKIP LOCKED) old
         WHERE i.tenant_id = old.tenant_id AND i.handler = old.handler AND i.message_id = old.message_id
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
CREATE INDEX inbox_processed ON platform.inbox (processed_at);
