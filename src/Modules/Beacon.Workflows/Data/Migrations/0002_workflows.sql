-- Workflows, part two: definitions (a trigger and ordered steps; editing writes a new version, enrollments keep the
-- version they started on), the brokerage's sending settings (CAN-SPAM postal address, fallback time zone),
-- enrollments (one durable state machine per lead × workflow: current step, next fire time, attempts), the steps
-- that ran (the idempotency key of a step: enrollment + step index, so a redelivered job never acts twice), and a
-- history with a reason a person can read. Leads who unsubscribed through a workflow e-mail are suppressed here.

CREATE TABLE workflows.settings (
    tenant_id      uuid        PRIMARY KEY,
    postal_address text        NOT NULL,
    time_zone      text        NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE workflows.definitions (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    name        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    version     int         NOT NULL,
    created_by  uuid,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE workflows.versions (
    tenant_id   uuid        NOT NULL,
    workflow_id uuid        NOT NULL,
    version     int         NOT NULL,
    trigger     jsonb       NOT NULL,
    steps       jsonb       NOT NULL,
    created_by  uuid,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, workflow_id, version),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows.definitions (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE workflows.enrollments (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    workflow_id  uuid        NOT NULL,
    version      int         NOT NULL,
    lead_id      uuid        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'completed', 'stopped')),
    current_step int         NOT NULL DEFAULT 0,
    next_fire_at timestamptz,
    attempts     int         NOT NULL DEFAULT 0,
    reason       text,
    enrolled_at  timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, workflow_id, version) REFERENCES workflows.versions (tenant_id, workflow_id, version) ON DELETE CASCADE
);
-- Re-enrollment rule: a lead goes through a workflow once; a second trigger while or after enrolled is ignored.
CREATE UNIQUE INDEX enrollments_once ON workflows.enrollments (tenant_id, workflow_id, lead_id);
CREATE INDEX enrollments_by_lead ON workflows.enrollments (tenant_id, lead_id) WHERE status = 'active';

CREATE TABLE workflows.step_runs (
    tenant_id     uuid        NOT NULL,
    enrollment_id uuid        NOT NULL,
    step_index    int         NOT NULL,
    ran_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, enrollment_id, step_index),
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES workflows.enrollments (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE workflows.history (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    enrollment_id uuid        NOT NULL,
    step_index    int,
    status        text        NOT NULL,
    reason        text        NOT NULL,
    at            timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES workflows.enrollments (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX history_by_enrollment ON workflows.history (tenant_id, enrollment_id, at);

CREATE TABLE workflows.suppressions (
    tenant_id uuid        NOT NULL,
    lead_id   uuid        NOT NULL,
    reason    text        NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'definitions', 'versions', 'enrollments', 'step_runs', 'history', 'suppressions'] LOOP
    EXECUTE format('ALTER TABLE workflows.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE workflows.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON workflows.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
