-- The dashboard's two range reads as index-only scans (docs/benchmarks.md, dashboards): with 1,000,000 leads the hourly
-- cells are about one per lead, so a 30-day range read ~40,000 cells from ~10,700 heap pages (627 ms), and speed to
-- lead read ~41,000 lead facts from ~16,900 pages (447 ms); from the covering indexes 160 ms and 70 ms, same load.
CREATE INDEX funnel_hourly_range ON conversions.funnel_hourly (tenant_id, hour) INCLUDE (source, agent_id, furthest, leads);
-- Supersedes lead_facts_created (same key, more columns): one index to keep up on every write, not two.
CREATE INDEX lead_facts_created_covering ON conversions.lead_facts (tenant_id, created_at) INCLUDE (first_touch_at, agent_id, source);
DROP INDEX conversions.lead_facts_created;
