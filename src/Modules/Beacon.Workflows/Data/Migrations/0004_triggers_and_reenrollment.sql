-- Workflows, part four: more triggers and an explicit re-enrollment rule (ADR 0027, "Triggers and re-enrollment").
-- A version says whether a lead may enter again once its previous enrollment ended ('after_exit') or goes through
-- once ('never', what every existing workflow keeps). "Never two active at once" moves from a unique index over all
-- enrollments to one over active enrollments; "once ever" is checked by the enrolling INSERT under that index.

ALTER TABLE workflows.versions ADD COLUMN reenrollment text NOT NULL DEFAULT 'never'
    CHECK (reenrollment IN ('never', 'after_exit'));

DROP INDEX workflows.enrollments_once;
CREATE UNIQUE INDEX enrollments_one_active ON workflows.enrollments (tenant_id, workflow_id, lead_id) WHERE status = 'active';
CREATE INDEX enrollments_by_workflow_lead ON workflows.enrollments (tenant_id, workflow_id, lead_id);

-- The no-activity trigger: the quiet spell (the lead's last activity) an enrollment was made for, so a lead is
-- enrolled once per spell however many sweeps see it quiet.
ALTER TABLE workflows.enrollments ADD COLUMN quiet_since timestamptz;

-- When each brokerage's next no-activity sweep is due: the row lock of the upsert lets one node queue it.
CREATE TABLE workflows.quiet_sweeps (
    tenant_id uuid        PRIMARY KEY,
    next_at   timestamptz NOT NULL
);
ALTER TABLE workflows.quiet_sweeps ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflows.quiet_sweeps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflows.quiet_sweeps USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());

-- The brokerages with an active no-activity workflow (the sweep's scheduler runs unscoped, before it knows a tenant).
CREATE FUNCTION workflows.quiet_sweep_tenants() RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT DISTINCT d.tenant_id
      FROM workflows.definitions d
      JOIN workflows.versions v ON v.tenant_id = d.tenant_id AND v.workflow_id = d.id AND v.version = d.version
     WHERE d.active AND v.trigger ->> 'type' = 'no_activity'
     ORDER BY d.tenant_id
$$;
