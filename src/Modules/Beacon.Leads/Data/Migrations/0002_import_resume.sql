-- Imports: what a retried upload is compared with (its header and size) and a heartbeat, so that a second upload
-- with the same key waits (409) while the first is alive and resumes it once it is not.
ALTER TABLE leads.imports ADD COLUMN header text NOT NULL DEFAULT '';
ALTER TABLE leads.imports ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE leads.imports ADD COLUMN source text NOT NULL DEFAULT 'import';
