-- Managers' A/B control per tenant: the challenger's traffic share (NULL = the configured default) and the kill switch
-- that makes every score come from the scorecard. Serving reads it with the live model versions (ADR 0019).

CREATE TABLE scoring.serving_control (
    tenant_id          uuid        NOT NULL PRIMARY KEY,
    challenger_percent int         CHECK (challenger_percent BETWEEN 0 AND 50),
    rules_only         boolean     NOT NULL DEFAULT false,
    rules_only_reason  text,
    updated_at         timestamptz NOT NULL,
    updated_by         uuid
);

ALTER TABLE scoring.serving_control ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring.serving_control FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring.serving_control USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());
