-- Source ROI without joining every lead's facts (docs/benchmarks.md, "where the year's report goes"): a closed deal
-- carries its lead's source and agent as the lead facts have them, kept in step by the facts' own writes (a lead's
-- source or agent change updates its few deals; a lead whose facts are gone leaves them NULL, and ROI skips them as the
-- join did). ROI then reads the range's closed deals alone, by the index below.
ALTER TABLE conversions.deals ADD COLUMN lead_source text, ADD COLUMN lead_agent_id uuid;

UPDATE conversions.deals d SET lead_source = f.source, lead_agent_id = f.agent_id
  FROM conversions.lead_facts f
 WHERE f.tenant_id = d.tenant_id AND f.lead_id = d.lead_id;

CREATE INDEX deals_closed_by_lead_source ON conversions.deals (tenant_id, close_date)
    INCLUDE (lead_source, lead_agent_id, commission_cents) WHERE stage = 'closed' AND lead_source IS NOT NULL;
