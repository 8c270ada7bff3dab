-- Webhooks: tenants' subscriptions (URL, event types, signing secrets), one delivery per subscription × event with
-- the exact body sent (so a replay re-sends the same bytes and id), each attempt's outcome, and the owners to tell
-- when a subscription is disabled (a projection of user.joined / user.changed). Deliveries carry a lead id so an
-- erasure can delete those that hold the lead's data.

CREATE TABLE webhooks.subscriptions (
    tenant_id                  uuid        NOT NULL,
    id                         uuid        NOT NULL,
    url                        text        NOT NULL,
    description                text        NOT NULL DEFAULT '',
    event_types                text[]      NOT NULL,
    secret                     text        NOT NULL,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    active                     boolean     NOT NULL DEFAULT true,
    consecutive_failures       int         NOT NULL DEFAULT 0,
    disabled_at                timestamptz,
    disabled_reason            text,
    created_by                 uuid        NOT NULL,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE webhooks.deliveries (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    subscription_id uuid        NOT NULL,
    event_type      text        NOT NULL,
    event_id        uuid,
    lead_id         uuid,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhooks.subscriptions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deliveries_by_subscription ON webhooks.deliveries (tenant_id, subscription_id, created_at DESC);
CREATE INDEX deliveries_by_lead ON webhooks.deliveries (tenant_id, lead_id) WHERE lead_id IS NOT NULL;
-- One delivery per subscription and event, whatever happens to the job that fans the event out.
CREATE UNIQUE INDEX deliveries_once ON webhooks.deliveries (tenant_id, subscription_id, event_id, event_type)
    WHERE event_id IS NOT NULL;

CREATE TABLE webhooks.attempts (
    tenant_id        uuid        NOT NULL,
    delivery_id      uuid        NOT NULL,
    number           int         NOT NULL,
    attempted_at     timestamptz NOT NULL,
    status_code      int,
    duration_ms      int         NOT NULL,
    error            text,
    response_snippet text,
    replay           boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, delivery_id, number),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhooks.deliveries (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE webhooks.recipients (
    tenant_id uuid    NOT NULL,
    user_id   uuid    NOT NULL,
    email     text    NOT NULL,
    role      text    NOT NULL,
    active    boolean NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscriptions', 'deliveries', 'attempts', 'recipients'] LOOP
    EXECUTE format('ALTER TABLE webhooks.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE webhooks.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON webhooks.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
