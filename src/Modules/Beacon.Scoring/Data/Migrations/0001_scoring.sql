-- Scoring: model registry, served scores, shadow scores per model version, matured outcomes, promotions.

CREATE TABLE scoring.models (
    tenant_id      uuid        NOT NULL,
    version        int         NOT NULL,
    status         text        NOT NULL CHECK (status IN ('champion', 'challenger', 'retired', 'rejected')),
    method         text        NOT NULL DEFAULT 'gbt',
    created_at     timestamptz NOT NULL,
    trained_by     uuid,
    reason         text        NOT NULL DEFAULT '',
    data_from      timestamptz,
    data_to        timestamptz,
    train_rows     int         NOT NULL DEFAULT 0,
    holdout_rows   int         NOT NULL DEFAULT 0,
    positives      int         NOT NULL DEFAULT 0,
    negatives      int         NOT NULL DEFAULT 0,
    gate_passed    boolean     NOT NULL,
    gate_reason    text        NOT NULL,
    pipeline       jsonb       NOT NULL DEFAULT '{}',
    metrics        jsonb       NOT NULL DEFAULT '{}',
    calibration    jsonb       NOT NULL DEFAULT '[]',
    promotion_rule jsonb       NOT NULL DEFAULT '{}',
    model          bytea,
    PRIMARY KEY (tenant_id, version)
);
CREATE UNIQUE INDEX models_one_champion ON scoring.models (tenant_id) WHERE status = 'champion';
CREATE UNIQUE INDEX models_one_challenger ON scoring.models (tenant_id) WHERE status = 'challenger';

CREATE TABLE scoring.scores (
    tenant_id       uuid             NOT NULL,
    lead_id         uuid             NOT NULL,
    probability     double precision NOT NULL,
    grade           text             NOT NULL,
    reasons         jsonb            NOT NULL DEFAULT '[]',
    model_version   int,
    method          text             NOT NULL,
    confidence      text             NOT NULL,
    features        double precision[],
    scored_at       timestamptz      NOT NULL,
    override_grade  text,
    override_by     uuid,
    override_reason text,
    override_at     timestamptz,
    PRIMARY KEY (tenant_id, lead_id)
);

-- The latest score of each lead by each live model version (champion and challenger), frozen once the outcome is known.
CREATE TABLE scoring.shadow_scores (
    tenant_id     uuid             NOT NULL,
    lead_id       uuid             NOT NULL,
    model_version int              NOT NULL,
    probability   double precision NOT NULL,
    scored_at     timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, model_version)
);
CREATE INDEX shadow_scores_version ON scoring.shadow_scores (tenant_id, model_version);

CREATE TABLE scoring.outcomes (
    tenant_id  uuid        NOT NULL,
    lead_id    uuid        NOT NULL,
    converted  boolean     NOT NULL,
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

CREATE TABLE scoring.promotions (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    at           timestamptz NOT NULL,
    action       text        NOT NULL CHECK (action IN ('promote', 'rollback')),
    from_version int,
    to_version   int,
    actor_id     uuid,
    reason       text        NOT NULL,
    evidence     jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE scoring.tenant_state (
    tenant_id            uuid NOT NULL PRIMARY KEY,
    outcomes_since_train int  NOT NULL DEFAULT 0,
    retrain_chain        boolean NOT NULL DEFAULT false
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['models', 'scores', 'shadow_scores', 'outcomes', 'promotions', 'tenant_state'] LOOP
    EXECUTE format('ALTER TABLE scoring.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE scoring.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON scoring.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
