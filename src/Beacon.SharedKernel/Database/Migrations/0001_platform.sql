-- The platform schema: tenancy helpers, the event log (outbox), the durable job queue, its inbox and dead letters.

CREATE OR REPLACE FUNCTION platform.current_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT NULLIF(current_setting('beacon.tenant_id', true), '')::uuid $$;

-- Every integration event, in the transaction that caused it. Feeds the job fan-out now and the live stream later.
CREATE TABLE platform.events (
    tenant_id   uuid        NOT NULL,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    id          uuid        NOT NULL,
    type        text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX events_id ON platform.events (tenant_id, id);
ALTER TABLE platform.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.events
    USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- The queue spans tenants (a worker claims whatever is due); only SharedKernel touches it, and each job's
-- handler then runs in a transaction bound to the job's tenant.
CREATE TABLE platform.jobs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    handler      text        NOT NULL,
    message_id   uuid        NOT NULL,
    payload      jsonb       NOT NULL,
    attempts     int         NOT NULL DEFAULT 0,
    run_at       timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    lock_token   uuid,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX jobs_due ON platform.jobs (run_at, id);

CREATE TABLE platform.inbox (
    tenant_id    uuid        NOT NULL,
    handler      text        NOT NULL,
    message_id   uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, handler, message_id)
);

CREATE TABLE platform.dead_letters (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      bigint      NOT NULL,
    tenant_id   uuid        NOT NULL,
    handler     text        NOT NULL,
    message_id  uuid        NOT NULL,
    payload     jsonb       NOT NULL,
    attempts    int         NOT NULL,
    last_error  text        NOT NULL,
    enqueued_at timestamptz NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_tenant ON platform.dead_letters (tenant_id, failed_at);

-- Runs of the diagnostic probe job: how the queue is proven (tests) and measured (bench).
CREATE TABLE platform.probe_runs (
    tenant_id   uuid        NOT NULL,
    message_id  uuid        NOT NULL,
    node        text        NOT NULL,
    attempt     int         NOT NULL,
    enqueued_at timestamptz NOT NULL,
    started_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id, attempt)
);
