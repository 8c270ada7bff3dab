-- Billing: plans (global catalogue), each tenant's subscription and its plan periods (for proration), usage events
-- (one row per distinct source occurrence, range-partitioned by month), rated invoices with their lines, and the
-- per-tenant, per-year invoice counters that make numbers gapless. Amounts are integer cents. See docs/billing.md and
-- ADR 0020.

CREATE TABLE billing.plans (
    code                text    PRIMARY KEY,
    name                text    NOT NULL,
    monthly_price_cents bigint  NOT NULL CHECK (monthly_price_cents >= 0),
    currency            text    NOT NULL DEFAULT 'usd',
    trial_days          int     NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
    sort_order          int     NOT NULL
);

-- Included units per month and the price of each further block of unit_size units (overage rounds blocks up).
CREATE TABLE billing.plan_meters (
    plan_code          text   NOT NULL REFERENCES billing.plans (code),
    meter              text   NOT NULL,
    included           bigint NOT NULL CHECK (included >= 0),
    overage_unit_cents bigint NOT NULL CHECK (overage_unit_cents >= 0),
    unit_size          bigint NOT NULL DEFAULT 1 CHECK (unit_size > 0),
    PRIMARY KEY (plan_code, meter)
);

INSERT INTO billing.plans (code, name, monthly_price_cents, trial_days, sort_order) VALUES
    ('starter', 'Starter', 4900, 14, 1),
    ('team', 'Team', 19900, 14, 2),
    ('brokerage', 'Brokerage', 49900, 0, 3);

INSERT INTO billing.plan_meters (plan_code, meter, included, overage_unit_cents, unit_size)
SELECT p.code, m.meter, m.included * p.factor, m.price, m.unit_size
  FROM (VALUES ('starter', 1), ('team', 5), ('brokerage', 20)) AS p (code, factor)
 CROSS JOIN (VALUES ('leads_captured', 500, 5, 1), ('leads_imported', 2000, 1, 1), ('leads_scored', 2000, 1, 1),
                    ('enrichment_calls', 200, 15, 1), ('active_seats', 3, 2500, 1), ('assistant_messages', 500, 2, 1),
                    ('assistant_tokens', 1000000, 50, 100000), ('workflow_sends', 2000, 1, 1)) AS m (meter, included, price, unit_size);

CREATE TABLE billing.subscriptions (
    tenant_id           uuid        PRIMARY KEY,
    plan_code           text        NOT NULL REFERENCES billing.plans (code),
    trial_ends_at       timestamptz,
    tax_rate_basis_points int       NOT NULL DEFAULT 0 CHECK (tax_rate_basis_points BETWEEN 0 AND 10000),
    standing            text        NOT NULL DEFAULT 'good' CHECK (standing IN ('good', 'restricted')),
    standing_reason     text,
    standing_invoice_id uuid,
    standing_changed_at timestamptz,
    rated_through       date        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- Which plan was in force when: a plan change closes the open period and opens the next one at the same instant.
CREATE TABLE billing.plan_periods (
    tenant_id uuid        NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at   timestamptz,
    plan_code text        NOT NULL REFERENCES billing.plans (code),
    PRIMARY KEY (tenant_id, starts_at),
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE UNIQUE INDEX plan_periods_one_open ON billing.plan_periods (tenant_id) WHERE ends_at IS NULL;

-- One row per distinct source occurrence: the key makes a retried or re-published event count once.
CREATE TABLE billing.usage (
    tenant_id       uuid        NOT NULL,
    month           date        NOT NULL,
    meter           text        NOT NULL,
    idempotency_key text        NOT NULL,
    dimension       text        NOT NULL DEFAULT '',
    quantity        bigint      NOT NULL CHECK (quantity >= 0),
    cost_cents      bigint      NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    occurred_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, month, meter, idempotency_key),
    CHECK (month = date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date)
) PARTITION BY RANGE (month);

-- Catches a month no partition exists for yet (far future or past), so no usage is ever refused for lack of one.
CREATE TABLE billing.usage_default PARTITION OF billing.usage DEFAULT;

-- Creates the monthly partitions from `first` for `months` months. SECURITY DEFINER: the scheduler (app role) calls it
-- ahead of time; rows that landed in the default partition for such a month move into the new partition.
CREATE FUNCTION billing.ensure_usage_partitions(first date, months int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    m date := date_trunc('month', first)::date;
    created int := 0;
    name text;
BEGIN
    FOR i IN 1..months LOOP
        name := 'usage_' || to_char(m, 'YYYY_MM');
        IF to_regclass('billing.' || name) IS NULL THEN
            PERFORM pg_advisory_xact_lock(hashtext('billing.usage partitions'));
            IF to_regclass('billing.' || name) IS NULL THEN
                EXECUTE format('CREATE TABLE billing.%I (LIKE billing.usage INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
                EXECUTE format('INSERT INTO billing.%I SELECT * FROM billing.usage_default WHERE month = $1', name) USING m;
                DELETE FROM billing.usage_default WHERE month = m;
                EXECUTE format('ALTER TABLE billing.usage ATTACH PARTITION billing.%I FOR VALUES FROM (%L) TO (%L)',
                               name, m, (m + interval '1 month')::date);
                created := created + 1;
            END IF;
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
    RETURN created;
END $$;

SELECT billing.ensure_usage_partitions((date_trunc('month', now()) - interval '12 months')::date, 25);

-- Seats are counted from a projection of identity's users: every user active at any time in a month is one seat.
CREATE TABLE billing.seat_users (
    tenant_id uuid    NOT NULL,
    user_id   uuid    NOT NULL,
    active    boolean NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE billing.invoices (
    tenant_id             uuid        NOT NULL,
    id                    uuid        NOT NULL,
    month                 date        NOT NULL,
    number                text,
    status                text        NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void')),
    currency              text        NOT NULL,
    plan_code             text        NOT NULL,
    subtotal_cents        bigint      NOT NULL,
    tax_rate_basis_points int         NOT NULL,
    tax_cents             bigint      NOT NULL,
    total_cents           bigint      NOT NULL,
    amount_due_cents      bigint      NOT NULL,
    rated_at              timestamptz NOT NULL,
    issued_at             timestamptz,
    due_at                timestamptz,
    paid_at               timestamptz,
    payment_reference     text,
    failed_attempts       int         NOT NULL DEFAULT 0,
    last_failure_reason   text,
    next_attempt_at       timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, month),
    UNIQUE (tenant_id, number)
);

CREATE TABLE billing.invoice_lines (
    tenant_id    uuid   NOT NULL,
    invoice_id   uuid   NOT NULL,
    line_key     text   NOT NULL,
    position     int    NOT NULL,
    kind         text   NOT NULL CHECK (kind IN ('plan', 'proration_credit', 'usage')),
    meter        text,
    description  text   NOT NULL,
    quantity     bigint NOT NULL,
    included     bigint NOT NULL DEFAULT 0,
    unit_cents   bigint NOT NULL,
    amount_cents bigint NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, line_key),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES billing.invoices (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE billing.invoice_counters (
    tenant_id   uuid NOT NULL,
    year        int  NOT NULL,
    last_number int  NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

-- The tenants with a subscription, for the scheduler (a connection bound to no tenant sees no rows otherwise).
CREATE FUNCTION billing.subscribed_tenants() RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.tenant_id FROM billing.subscriptions s ORDER BY s.tenant_id
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscriptions', 'plan_periods', 'usage', 'seat_users', 'invoices', 'invoice_lines',
                           'invoice_counters'] LOOP
    EXECUTE format('ALTER TABLE billing.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE billing.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON billing.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
