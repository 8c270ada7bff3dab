-- The insights figures without scanning every score (ADR 0033).
--
-- 1. The lead's agent rides on its score row, written from the lead snapshot by every scoring (a lead.assigned event
--    re-scores the lead), so Scoring follows assignments and the hot-leads read finds an agent's A/B leads by index.
ALTER TABLE scoring.scores ADD COLUMN agent_id uuid;

-- Existing scores take their lead's current agent once. The migrator connects as the administrator, so this one-time
-- backfill may read Leads' table (a fresh database has no scores yet, and maybe no Leads schema: then nothing to do).
DO $$
BEGIN
    IF to_regclass('leads.leads') IS NOT NULL THEN
        UPDATE scoring.scores s SET agent_id = l.assigned_to
          FROM leads.leads l
         WHERE l.tenant_id = s.tenant_id AND l.id = s.lead_id AND l.assigned_to IS NOT NULL;
    END IF;
END $$;

CREATE INDEX scores_agent_grade ON scoring.scores (tenant_id, agent_id, (coalesce(override_grade, grade)))
    WHERE agent_id IS NOT NULL;

-- Weekly drift reads one version's recent scores; without this it scanned every score of the tenant.
CREATE INDEX scores_version_scored ON scoring.scores (tenant_id, model_version, scored_at) WHERE model_version IS NOT NULL;

-- 2. The score distribution as counts: open scored leads (a score and no outcome) per agent (NULL = unassigned),
--    10-point band, grade (an override counts as its grade) and method. A few hundred rows per brokerage.
CREATE TABLE scoring.distribution_cells (
    tenant_id uuid     NOT NULL,
    agent_id  uuid,
    band      smallint NOT NULL CHECK (band BETWEEN 0 AND 9),
    grade     text     NOT NULL,
    method    text     NOT NULL,
    -- No CHECK (leads >= 0): a write must never fail over a derived figure; `beacon scoring rebuild` repairs one.
    leads     int      NOT NULL,
    CONSTRAINT distribution_cells_key UNIQUE NULLS NOT DISTINCT (tenant_id, agent_id, band, grade, method) INCLUDE (leads)
);

ALTER TABLE scoring.distribution_cells ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring.distribution_cells FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring.distribution_cells USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());

CREATE FUNCTION scoring.band(probability double precision) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN least(floor(probability * 10), 9)::smallint;

INSERT INTO scoring.distribution_cells (tenant_id, agent_id, band, grade, method, leads)
SELECT s.tenant_id, s.agent_id, scoring.band(s.probability), coalesce(s.override_grade, s.grade), s.method, count(*)
  FROM scoring.scores s
 WHERE NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = s.tenant_id AND o.lead_id = s.lead_id)
 GROUP BY 1, 2, 3, 4, 5;

-- 3. Kept by the database in the writing statement's own transaction: every path that writes a score or an outcome
--    (one lead, a bulk chunk, an override, an erasure, an objection, a test's or a benchmark's INSERT) moves the counts,
--    and none can forget to. Statement-level triggers sum the statement's rows into one upsert, in key order so two
--    writers lock shared cells in one order; a net change of zero (a re-score within the same cell) touches no cell.
--    A trigger sees the tables as they are after its statement: a score counts while no outcome exists for its lead.
CREATE FUNCTION scoring.distribution_follow_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO scoring.distribution_cells AS c (tenant_id, agent_id, band, grade, method, leads)
        SELECT tenant_id, agent_id, band, grade, method, sum(delta) FROM (
            SELECT n.tenant_id, n.agent_id, scoring.band(n.probability) AS band,
                   coalesce(n.override_grade, n.grade) AS grade, n.method, 1 AS delta
              FROM new_rows n
             WHERE NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = n.tenant_id AND o.lead_id = n.lead_id)) x
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT distribution_cells_key DO UPDATE SET leads = c.leads + excluded.leads;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO scoring.distribution_cells AS c (tenant_id, agent_id, band, grade, method, leads)
        SELECT tenant_id, agent_id, band, grade, method, sum(delta) FROM (
            SELECT p.tenant_id, p.agent_id, scoring.band(p.probability) AS band,
                   coalesce(p.override_grade, p.grade) AS grade, p.method, -1 AS delta
              FROM old_rows p
             WHERE NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = p.tenant_id AND o.lead_id = p.lead_id)
             UNION ALL
            SELECT n.tenant_id, n.agent_id, scoring.band(n.probability) AS band,
                   coalesce(n.override_grade, n.grade) AS grade, n.method, 1 AS delta
              FROM new_rows n
             WHERE NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = n.tenant_id AND o.lead_id = n.lead_id)) x
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT distribution_cells_key DO UPDATE SET leads = c.leads + excluded.leads;
    ELSE
        INSERT INTO scoring.distribution_cells AS c (tenant_id, agent_id, band, grade, method, leads)
        SELECT tenant_id, agent_id, band, grade, method, sum(delta) FROM (
            SELECT p.tenant_id, p.agent_id, scoring.band(p.probability) AS band,
                   coalesce(p.override_grade, p.grade) AS grade, p.method, -1 AS delta
              FROM old_rows p
             WHERE NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = p.tenant_id AND o.lead_id = p.lead_id)) x
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT distribution_cells_key DO UPDATE SET leads = c.leads + excluded.leads;
    END IF;
    RETURN NULL;
END $$;

-- An outcome takes its lead's score out of the open pipeline; a reopened lead (outcome removed) puts it back.
CREATE FUNCTION scoring.distribution_follow_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO scoring.distribution_cells AS c (tenant_id, agent_id, band, grade, method, leads)
        SELECT tenant_id, agent_id, band, grade, method, sum(delta) FROM (
            SELECT s.tenant_id, s.agent_id, scoring.band(s.probability) AS band, coalesce(s.override_grade, s.grade) AS grade,
                   s.method, -1 AS delta
              FROM new_rows t JOIN scoring.scores s ON s.tenant_id = t.tenant_id AND s.lead_id = t.lead_id) x
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT distribution_cells_key DO UPDATE SET leads = c.leads + excluded.leads;
    ELSE
        INSERT INTO scoring.distribution_cells AS c (tenant_id, agent_id, band, grade, method, leads)
        SELECT tenant_id, agent_id, band, grade, method, sum(delta) FROM (
            SELECT s.tenant_id, s.agent_id, scoring.band(s.probability) AS band, coalesce(s.override_grade, s.grade) AS grade,
                   s.method, 1 AS delta
              FROM old_rows t JOIN scoring.scores s ON s.tenant_id = t.tenant_id AND s.lead_id = t.lead_id) x
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT distribution_cells_key DO UPDATE SET leads = c.leads + excluded.leads;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER distribution_on_insert AFTER INSERT ON scoring.scores REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scoring.distribution_follow_scores();
CREATE TRIGGER distribution_on_update AFTER UPDATE ON scoring.scores REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scoring.distribution_follow_scores();
CREATE TRIGGER distribution_on_delete AFTER DELETE ON scoring.scores REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scoring.distribution_follow_scores();
CREATE TRIGGER distribution_on_insert AFTER INSERT ON scoring.outcomes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scoring.distribution_follow_outcomes();
CREATE TRIGGER distribution_on_delete AFTER DELETE ON scoring.outcomes REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scoring.distribution_follow_outcomes();

-- `beacon scoring rebuild` without --tenant: the tenants with scores or counts, past row-level security.
CREATE FUNCTION scoring.known_tenants() RETURNS SETOF uuid
LANGUAGE sql SECURITY DEFINER STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT tenant_id FROM scoring.scores UNION SELECT tenant_id FROM scoring.distribution_cells ORDER BY 1
$$;
