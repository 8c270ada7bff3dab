-- Reads scoped to a few agents (a team lead's or an agent's report, an agent or team filter) seek each agent's rows
-- instead of reading every agent's and filtering (ADR 0035, "Scoped reads"): the cohorts' day-by-agent rows by agent
-- then day, and the leaderboard's closed deals with every column it sums, so neither visits the table.
CREATE INDEX funnel_day_agents_by_agent ON conversions.funnel_day_agents (tenant_id, agent_id, day) INCLUDE (furthest, leads);

CREATE INDEX deals_closed_leaderboard ON conversions.deals (tenant_id, close_date)
    INCLUDE (agent_id, currency, price_cents, commission_cents, lead_source) WHERE stage = 'closed';
