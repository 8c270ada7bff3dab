-- Hot leads read in the order they are shown (ADR 0033, "Waiting since on the score row"): each score row keeps how
-- long its lead has waited for a person — its last human touch (HumanTouches), else its capture — written by every
-- scoring from the lead's snapshot (an activity re-scores the lead). An agent's longest-waiting A leads are then the
-- first rows of one index range instead of every A/B lead of theirs joined to Leads' last touches.
-- last_touch_at is that touch (NULL: none), the list's filter. waiting_since is '-infinity' (waiting for ever) for a row
-- written without it: it sorts first, and the list shows Leads' exact figure.
ALTER TABLE scoring.scores ADD COLUMN last_touch_at timestamptz,
                           ADD COLUMN waiting_since timestamptz NOT NULL DEFAULT '-infinity';

-- Existing scores take their lead's figure once. The migrator connects as the administrator, so this one-time
-- backfill may read Leads' tables (a fresh database has no scores yet, and maybe no Leads schema: then nothing to do).
DO $$
BEGIN
    IF to_regclass('leads.leads') IS NOT NULL THEN
        UPDATE scoring.scores s SET last_touch_at = t.touch, waiting_since = coalesce(t.touch, t.created_at)
          FROM (SELECT l.tenant_id, l.id, l.created_at,
                       (SELECT max(a.occurred_at) FROM leads.activities a
                         WHERE a.tenant_id = l.tenant_id AND a.lead_id = l.id AND a.actor_id IS NOT NULL
                           AND a.type IN ('call', 'text', 'email', 'meeting', 'showing', 'offer')) AS touch
                  FROM leads.leads l) t
         WHERE t.tenant_id = s.tenant_id AND t.id = s.lead_id;
    END IF;
END $$;

-- Replaces scores_agent_grade (its prefix): the agent's leads of one grade, longest waiting first.
CREATE INDEX scores_agent_waiting ON scoring.scores (tenant_id, agent_id, (coalesce(override_grade, grade)), waiting_since)
    WHERE agent_id IS NOT NULL;
DROP INDEX scoring.scores_agent_grade;
