-- Workflows, part three: text messages (ADR 0029). Each SMS a step sends is a row (the gateway's message id, its
-- delivery status as the gateway reports it); a phone that texted STOP is opted out of SMS for the brokerage until
-- it texts START; inbound texts are applied once (an inbox of the gateway's message ids). The brokerage's frequency
-- cap (messages per lead per 24 hours, e-mail and SMS together) joins its sending settings.

ALTER TABLE workflows.settings ADD COLUMN max_messages_per_day int NOT NULL DEFAULT 3 CHECK (max_messages_per_day BETWEEN 1 AND 50);

CREATE TABLE workflows.sms_messages (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    enrollment_id uuid        NOT NULL,
    step_index    int         NOT NULL,
    lead_id       uuid        NOT NULL,
    to_phone      text        NOT NULL,
    body          text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'accepted', 'sent', 'delivered', 'failed')),
    sid           text,
    error         text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES workflows.enrollments (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sms_messages_by_sid ON workflows.sms_messages (tenant_id, sid) WHERE sid IS NOT NULL;
CREATE INDEX sms_messages_by_phone ON workflows.sms_messages (tenant_id, to_phone);

CREATE TABLE workflows.sms_opt_outs (
    tenant_id uuid        NOT NULL,
    phone     text        NOT NULL,
    keyword   text        NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, phone)
);

CREATE TABLE workflows.sms_inbound (
    tenant_id   uuid        NOT NULL,
    sid         text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sid)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sms_messages', 'sms_opt_outs', 'sms_inbound'] LOOP
    EXECUTE format('ALTER TABLE workflows.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE workflows.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON workflows.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
