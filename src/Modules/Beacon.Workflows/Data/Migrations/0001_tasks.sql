-- Workflows, part one: tasks (a follow-up for an agent on one lead, due at a moment, done or not) and the brokerage's
-- members as Identity announces them (user.joined / user.changed), so a task's assignee is checked and named without
-- reading Identity's tables (module isolation). A task's title may name the lead: the eraser deletes the lead's tasks.

CREATE TABLE workflows.members (
    tenant_id    uuid    NOT NULL,
    user_id      uuid    NOT NULL,
    email        text    NOT NULL,
    display_name text    NOT NULL,
    role         text    NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE workflows.tasks (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    lead_id       uuid        NOT NULL,
    assignee_id   uuid        NOT NULL,
    title         text        NOT NULL,
    notes         text        NOT NULL DEFAULT '',
    due_at        timestamptz NOT NULL,
    completed_at  timestamptz,
    completed_by  uuid,
    created_by    uuid,
    enrollment_id uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tasks_open_by_assignee ON workflows.tasks (tenant_id, assignee_id, due_at) WHERE completed_at IS NULL;
CREATE INDEX tasks_by_lead ON workflows.tasks (tenant_id, lead_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['members', 'tasks'] LOOP
    EXECUTE format('ALTER TABLE workflows.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE workflows.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON workflows.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
