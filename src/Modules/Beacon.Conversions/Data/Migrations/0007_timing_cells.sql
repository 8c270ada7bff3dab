-- Speed to lead, time to convert and attribution from counts kept by the database (ADR 0035), so a year's report sums a
-- few thousand rows instead of reading every lead's facts (at 1,000,000 leads the owner's year read ~500,000 facts).
--
-- A duration is counted on a grid of about two significant figures: steps of 0.1 from 1 to 2, 0.2 from 2 to 5 and 0.5
-- from 5 to 10, in every decade (1.3, 4.6, 15, 240, 6,500 …): a median from the counts is within 5 % of the exact one.
-- Single expressions, so the planner inlines them where a report counts the facts at a range's edges.
CREATE FUNCTION conversions.grid_step(mantissa double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN mantissa < 2 THEN 0.1 WHEN mantissa < 5 THEN 0.2 ELSE 0.5 END;

CREATE FUNCTION conversions.grid_in(v double precision, decade double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN round(v / decade / conversions.grid_step(v / decade)) * conversions.grid_step(v / decade) * decade;

CREATE FUNCTION conversions.grid(v double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN v <= 0 THEN 0::float8 ELSE conversions.grid_in(v, power(10::float8, floor(log(v)))) END;

-- Speed to lead in minutes, time to convert in days.
CREATE FUNCTION conversions.speed_minutes(created timestamptz, touched timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN extract(epoch FROM touched - created)::float8 / 60;

CREATE FUNCTION conversions.convert_days(created timestamptz, converted timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN extract(epoch FROM converted - created)::float8 / 86400;

-- The speed-to-lead bands the dashboard shows (TimingReader.SpeedBands): < 5 min, 5–30, 30–60, 1–4 h, 4–24 h, > 1 day.
CREATE FUNCTION conversions.speed_band(minutes double precision) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN minutes < 5 THEN 0 WHEN minutes < 30 THEN 1 WHEN minutes < 60 THEN 2 WHEN minutes < 240 THEN 3
                WHEN minutes < 1440 THEN 4 ELSE 5 END;

-- timing_cells: metric 's' = speed to lead (minutes from creation to the first human touch, by UTC creation day or
-- month), 'c' = time to convert (days from creation to conversion, by UTC conversion day or month). Each lead counts in
-- three dimensions: 'b' the whole brokerage, 'a' its agent (the nil uuid for unassigned), 's' its source. agent_id is
-- nil and source '' where the dimension does not use them. band is the speed band (0 for time to convert).
CREATE TABLE conversions.timing_cells (
    tenant_id uuid             NOT NULL,
    metric    "char"           NOT NULL CHECK (metric IN ('s', 'c')),
    span      "char"           NOT NULL CHECK (span IN ('d', 'm')),
    dim       "char"           NOT NULL CHECK (dim IN ('b', 'a', 's')),
    period    timestamptz      NOT NULL,
    agent_id  uuid             NOT NULL,
    source    text             NOT NULL,
    band      smallint         NOT NULL,
    value     double precision NOT NULL,
    leads     bigint           NOT NULL,
    PRIMARY KEY (tenant_id, metric, span, dim, period, agent_id, source, band, value) INCLUDE (leads)
);

-- attribution_cells: converted leads by UTC conversion day or month and dimension (as above), per source that brought
-- them in (touch_source): how many it brought first, last, and its linear share (each of a lead's touches 1/n).
CREATE TABLE conversions.attribution_cells (
    tenant_id    uuid        NOT NULL,
    span         "char"      NOT NULL CHECK (span IN ('d', 'm')),
    dim          "char"      NOT NULL CHECK (dim IN ('b', 'a', 's')),
    period       timestamptz NOT NULL,
    agent_id     uuid        NOT NULL,
    source       text        NOT NULL,
    touch_source text        NOT NULL,
    first        bigint      NOT NULL,
    last         bigint      NOT NULL,
    linear       numeric     NOT NULL,
    PRIMARY KEY (tenant_id, span, dim, period, agent_id, source, touch_source) INCLUDE (first, last, linear)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['timing_cells', 'attribution_cells'] LOOP
    EXECUTE format('ALTER TABLE conversions.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE conversions.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON conversions.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

-- The periods and dimensions one instant of one lead counts in.
CREATE FUNCTION conversions.cell_keys(at timestamptz, lead_source text, lead_agent uuid)
RETURNS TABLE (span "char", period timestamptz, dim "char", agent_id uuid, source text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT p.span, p.period, d.dim, d.agent_id, d.source
      FROM (VALUES ('d'::"char", date_trunc('day', at, 'UTC')), ('m'::"char", date_trunc('month', at, 'UTC'))) p(span, period),
           (VALUES ('b'::"char", '00000000-0000-0000-0000-000000000000'::uuid, ''::text),
                   ('a'::"char", coalesce(lead_agent, '00000000-0000-0000-0000-000000000000'::uuid), ''::text),
                   ('s'::"char", '00000000-0000-0000-0000-000000000000'::uuid, lead_source)) d(dim, agent_id, source)
     WHERE at IS NOT NULL
$$;

-- The timing cells one lead counts in (none before its first touch or conversion).
CREATE FUNCTION conversions.timing_keys(created timestamptz, lead_source text, lead_agent uuid, touched timestamptz,
                                        converted timestamptz)
RETURNS TABLE (metric "char", span "char", period timestamptz, dim "char", agent_id uuid, source text, band smallint,
               value double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT 's'::"char", k.span, k.period, k.dim, k.agent_id, k.source, conversions.speed_band(m), conversions.grid(m)
      FROM (SELECT conversions.speed_minutes(created, touched) AS m) x,
           conversions.cell_keys(CASE WHEN touched IS NOT NULL THEN created END, lead_source, lead_agent) k
    UNION ALL
    SELECT 'c'::"char", k.span, k.period, k.dim, k.agent_id, k.source, 0::smallint,
           conversions.grid(conversions.convert_days(created, converted))
      FROM conversions.cell_keys(converted, lead_source, lead_agent) k
$$;

-- The attribution cells one converted lead counts in: per source among its touches, first, last and linear share.
CREATE FUNCTION conversions.attribution_keys(lead_source text, lead_agent uuid, touches text[], converted timestamptz)
RETURNS TABLE (span "char", period timestamptz, dim "char", agent_id uuid, source text, touch_source text, first bigint,
               last bigint, linear numeric)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT k.span, k.period, k.dim, k.agent_id, k.source, t.touch_source, t.first, t.last, t.linear
      FROM (SELECT u.s AS touch_source, count(*) FILTER (WHERE u.ord = 1) AS first,
                   count(*) FILTER (WHERE u.ord = cardinality(touches)) AS last,
                   count(*)::numeric / cardinality(touches) AS linear
              FROM unnest(touches) WITH ORDINALITY AS u(s, ord)
             GROUP BY u.s) t,
           conversions.cell_keys(converted, lead_source, lead_agent) k
$$;

-- What the cells need of a lead's facts.
CREATE TYPE conversions.fact_times AS (tenant_id uuid, created_at timestamptz, source text, agent_id uuid,
                                       first_touch_at timestamptz, converted_at timestamptz, touch_sources text[]);

-- Takes the facts in `gone` out of the cells and puts those in `came` in: one upsert per table, summed by key and in
-- key order, so two writers lock shared cells in one order; a net change of zero touches no cell.
CREATE FUNCTION conversions.move_cells(gone conversions.fact_times[], came conversions.fact_times[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO conversions.timing_cells AS c (tenant_id, metric, span, dim, period, agent_id, source, band, value, leads)
    SELECT f.tenant_id, k.metric, k.span, k.dim, k.period, k.agent_id, k.source, k.band, k.value, sum(f.delta)
      FROM (SELECT g.*, -1 AS delta FROM unnest(gone) g UNION ALL SELECT n.*, 1 FROM unnest(came) n) f,
           conversions.timing_keys(f.created_at, f.source, f.agent_id, f.first_touch_at, f.converted_at) k
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(f.delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (tenant_id, metric, span, dim, period, agent_id, source, band, value)
    DO UPDATE SET leads = c.leads + excluded.leads;

    INSERT INTO conversions.attribution_cells AS c (tenant_id, span, dim, period, agent_id, source, touch_source, first, last, linear)
    SELECT f.tenant_id, k.span, k.dim, k.period, k.agent_id, k.source, k.touch_source,
           sum(f.delta * k.first), sum(f.delta * k.last), sum(f.delta * k.linear)
      FROM (SELECT g.*, -1 AS delta FROM unnest(gone) g UNION ALL SELECT n.*, 1 FROM unnest(came) n) f,
           conversions.attribution_keys(f.source, f.agent_id, f.touch_sources, f.converted_at) k
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(f.delta * k.first) <> 0 OR sum(f.delta * k.last) <> 0 OR sum(f.delta * k.linear) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (tenant_id, span, dim, period, agent_id, source, touch_source)
    DO UPDATE SET first = c.first + excluded.first, last = c.last + excluded.last, linear = c.linear + excluded.linear;
$$;

-- Kept by the database in the writing statement's own transaction, as Scoring keeps its distribution (ADR 0033): every
-- path that writes facts (a handler, an import's bulk chunk, an erasure, the rebuild, a test's UPDATE) moves the
-- cells. Only facts with a first touch or a conversion count, so a capture's new facts cost one empty check.
CREATE FUNCTION conversions.cells_follow_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone conversions.fact_times[] := '{}';
    came conversions.fact_times[] := '{}';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT coalesce(array_agg(ROW(o.tenant_id, o.created_at, o.source, o.agent_id, o.first_touch_at, o.converted_at,
                                      o.touch_sources)::conversions.fact_times), '{}')
          INTO gone FROM old_rows o WHERE o.first_touch_at IS NOT NULL OR o.converted_at IS NOT NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT coalesce(array_agg(ROW(n.tenant_id, n.created_at, n.source, n.agent_id, n.first_touch_at, n.converted_at,
                                      n.touch_sources)::conversions.fact_times), '{}')
          INTO came FROM new_rows n WHERE n.first_touch_at IS NOT NULL OR n.converted_at IS NOT NULL;
    END IF;
    IF cardinality(gone) + cardinality(came) > 0 THEN
        PERFORM conversions.move_cells(gone, came);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cells_on_insert AFTER INSERT ON conversions.lead_facts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.cells_follow_facts();
CREATE TRIGGER cells_on_update AFTER UPDATE ON conversions.lead_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.cells_follow_facts();
CREATE TRIGGER cells_on_delete AFTER DELETE ON conversions.lead_facts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.cells_follow_facts();

-- Existing facts, counted once (a fresh database has none).
INSERT INTO conversions.timing_cells (tenant_id, metric, span, dim, period, agent_id, source, band, value, leads)
SELECT f.tenant_id, k.metric, k.span, k.dim, k.period, k.agent_id, k.source, k.band, k.value, count(*)
  FROM conversions.lead_facts f, conversions.timing_keys(f.created_at, f.source, f.agent_id, f.first_touch_at, f.converted_at) k
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

INSERT INTO conversions.attribution_cells (tenant_id, span, dim, period, agent_id, source, touch_source, first, last, linear)
SELECT f.tenant_id, k.span, k.dim, k.period, k.agent_id, k.source, k.touch_source, sum(k.first), sum(k.last), sum(k.linear)
  FROM conversions.lead_facts f, conversions.attribution_keys(f.source, f.agent_id, f.touch_sources, f.converted_at) k
 WHERE f.converted_at IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
