-- Idempotency keys answer a retried capture for a day (clients retry within minutes); older ones are purged by the
-- retention sweep (ADR 0015). SECURITY DEFINER: the sweep spans tenants.
CREATE FUNCTION leads.purge_idempotency_keys(p_before timestamptz, p_limit int) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH gone AS (
        DELETE FROM leads.idempotency_keys k USING (
            SELECT tenant_id, key FROM leads.idempotency_keys WHERE created_at < p_before
             LIMIT p_limit FOR UPDATE SKIP LOCKED) old
         WHERE k.tenant_id = old.tenant_id AND k.key = old.key
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
CREATE INDEX idempotency_keys_created ON leads.idempotency_keys (created_at);
