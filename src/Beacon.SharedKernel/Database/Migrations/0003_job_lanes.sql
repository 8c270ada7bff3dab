-- Queue lanes (ADR 0008): each lane has worker loops of its own, so an import's bulk backlog never delays the
-- interactive work (a capture's scoring) queued after it.
ALTER TABLE platform.jobs ADD COLUMN lane text NOT NULL DEFAULT 'interactive' CHECK (lane IN ('interactive', 'bulk'));
DROP INDEX platform.jobs_due;
CREATE INDEX jobs_due ON platform.jobs (lane, run_at, id);
