-- Payments: the card on file per brokerage (the gateway's customer and payment method; brand and last 4 digits only,
-- never a card number), the invoices Billing asked us to collect, every collection attempt, the gateway events
-- already applied (webhook idempotency), the brokerage's standing (restricted after dunning ran out) and the
-- addresses dunning e-mails go to (a projection of user.joined / user.changed; owners and admins are told).

CREATE TABLE payments.customers (
    tenant_id                uuid        NOT NULL PRIMARY KEY,
    gateway_customer_id      text        NOT NULL,
    payment_method_id        text,
    card_brand               text,
    card_last4               text,
    card_exp_month           int,
    card_exp_year            int,
    updated_at               timestamptz NOT NULL
);

CREATE TABLE payments.invoices (
    tenant_id         uuid        NOT NULL,
    invoice_id        uuid        NOT NULL,
    number            text        NOT NULL,
    amount_cents      bigint      NOT NULL CHECK (amount_cents >= 0),
    currency          text        NOT NULL,
    due_at            timestamptz NOT NULL,
    status            text        NOT NULL CHECK (status IN ('open', 'paid')),
    attempts          int         NOT NULL DEFAULT 0,
    dunning_step      int         NOT NULL DEFAULT 0,
    exhausted         boolean     NOT NULL DEFAULT false,
    next_attempt_at   timestamptz,
    payment_reference text,
    paid_at           timestamptz,
    issued_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id)
);

CREATE TABLE payments.attempts (
    tenant_id         uuid        NOT NULL,
    invoice_id        uuid        NOT NULL,
    number            int         NOT NULL,
    attempted_at      timestamptz NOT NULL,
    trigger           text        NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    outcome           text        NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    payment_intent_id text,
    failure_code      text,
    failure_message   text,
    card_brand        text,
    card_last4        text,
    PRIMARY KEY (tenant_id, invoice_id, number),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES payments.invoices (tenant_id, invoice_id)
);
CREATE INDEX attempts_latest ON payments.attempts (tenant_id, attempted_at DESC);

CREATE TABLE payments.gateway_events (
    tenant_id   uuid        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    object_id   text,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

CREATE TABLE payments.standing (
    tenant_id     uuid        NOT NULL PRIMARY KEY,
    restricted    boolean     NOT NULL,
    invoice_id    uuid,
    reason        text,
    restricted_at timestamptz,
    restored_at   timestamptz
);

CREATE TABLE payments.recipients (
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
  FOREACH t IN ARRAY ARRAY['customers', 'invoices', 'attempts', 'gateway_events', 'standing', 'recipients'] LOOP
    EXECUTE format('ALTER TABLE payments.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE payments.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON payments.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
