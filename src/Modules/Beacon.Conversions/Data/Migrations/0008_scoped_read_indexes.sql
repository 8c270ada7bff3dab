-- Reads scoped to a few agents (a team lead's or an agent's report, an agent or team filter) seek each agent's rows
-- instead of reading every agent's and filtering (ADR 0035, "Scoped reads seek their agents"): the breakdowns' monthly
-- and daily rollups and the cohorts' day-by-agent rows by agent, then period, with the columns they sum, so none of
-- them visits the table. Each move of a lead's count updates one more index entry in each of the three.
CREATE INDEX funnel_monthly_by_agent ON conversions.funnel_monthly (tenant_id, agent_id, month) INCLUDE (source, furthest, leads);
CREATE INDEX funnel_daily_by_agent ON conversions.funnel_daily (tenant_id, agent_id, day) INCLUDE (source, furthest, leads);
CREATE INDEX funnel_day_agents_by_agent ON conversions.funnel_day_agents (tenant_id, agent_id, day) INCLUDE (furthest, leads);
