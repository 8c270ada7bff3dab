-- The live stream: every integration event once, numbered per tenant (1, 2, 3 … in commit order), with what
-- visibility needs (the lead it concerns, that lead's owner and the owner's team at the time).

CREATE TABLE realtime.stream (
    tenant_id   uuid        NOT NULL,
    cursor      bigint      NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL,
    lead_id     uuid,
    owner_id    uuid,
    owner_team  uuid,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, cursor)
);
CREATE INDEX stream_recorded ON realtime.stream (recorded_at);

CREATE TABLE realtime.tenant_cursors (
    tenant_id uuid   PRIMARY KEY,
    last      bigint NOT NULL
);

-- Projections the sequencer keeps for visibility: who owns a lead, which team a user is on.
CREATE TABLE realtime.lead_owners (
    tenant_id uuid NOT NULL,
    lead_id   uuid NOT NULL,
    owner_id  uuid,
    PRIMARY KEY (tenant_id, lead_id)
);

CREATE TABLE realtime.members (
    tenant_id uuid NOT NULL,
    user_id   uuid NOT NULL,
    team_id   uuid,
    PRIMARY KEY (tenant_id, user_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stream', 'tenant_cursors', 'lead_owners', 'members'] LOOP
    EXECUTE format('ALTER TABLE realtime.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE realtime.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON realtime.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

-- Takes up to p_limit unstreamed events (any tenant) in seq order and appends them to the stream. The upsert on
-- tenant_cursors holds that tenant's row lock until commit, so cursors follow commit order and readers never see
-- N+1 before N. Returns the new last cursor of each tenant touched (for NOTIFY beacon_live).
CREATE FUNCTION realtime.sequence_events(p_limit int) RETURNS TABLE (tenant_id uuid, last_cursor bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    e record;
    v_lead uuid;
    v_owner uuid;
    v_team uuid;
    v_cursor bigint;
    v_touched uuid[] := '{}';
BEGIN
    FOR e IN
        SELECT ev.tenant_id, ev.seq, ev.id, ev.type, ev.payload, ev.occurred_at
          FROM platform.events ev
         WHERE ev.streamed_at IS NULL
         ORDER BY ev.seq
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED
    LOOP
        UPDATE platform.events SET streamed_at = now() WHERE platform.events.tenant_id = e.tenant_id AND seq = e.seq;

        IF e.type IN ('user.joined', 'user.changed') THEN
            INSERT INTO realtime.members AS m (tenant_id, user_id, team_id)
            VALUES (e.tenant_id, (e.payload->>'userId')::uuid, (e.payload->>'teamId')::uuid)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET team_id = excluded.team_id;
        END IF;

        v_lead := NULLIF(e.payload->>'leadId', '')::uuid;
        IF v_lead IS NOT NULL AND e.type = 'lead.created' THEN
            INSERT INTO realtime.lead_owners AS o (tenant_id, lead_id, owner_id)
            VALUES (e.tenant_id, v_lead, (e.payload->>'assignedTo')::uuid)
            ON CONFLICT (tenant_id, lead_id) DO NOTHING;
        ELSIF v_lead IS NOT NULL AND e.type = 'lead.assigned' THEN
            INSERT INTO realtime.lead_owners AS o (tenant_id, lead_id, owner_id)
            VALUES (e.tenant_id, v_lead, (e.payload->>'agentId')::uuid)
            ON CONFLICT (tenant_id, lead_id) DO UPDATE SET owner_id = excluded.owner_id;
        END IF;

        v_owner := NULL;
        v_team := NULL;
        IF v_lead IS NOT NULL THEN
            SELECT o.owner_id INTO v_owner FROM realtime.lead_owners o WHERE o.tenant_id = e.tenant_id AND o.lead_id = v_lead;
            SELECT m.team_id INTO v_team FROM realtime.members m WHERE m.tenant_id = e.tenant_id AND m.user_id = v_owner;
        END IF;

        INSERT INTO realtime.tenant_cursors AS c (tenant_id, last) VALUES (e.tenant_id, 1)
        ON CONFLICT ON CONSTRAINT tenant_cursors_pkey DO UPDATE SET last = c.last + 1
        RETURNING c.last INTO v_cursor;

        INSERT INTO realtime.stream (tenant_id, cursor, event_id, type, occurred_at, payload, lead_id, owner_id, owner_team)
        VALUES (e.tenant_id, v_cursor, e.id, e.type, e.occurred_at, e.payload, v_lead, v_owner, v_team);

        IF NOT e.tenant_id = ANY (v_touched) THEN
            v_touched := v_touched || e.tenant_id;
        END IF;
    END LOOP;

    RETURN QUERY SELECT c.tenant_id, c.last FROM realtime.tenant_cursors c WHERE c.tenant_id = ANY (v_touched);
END $$;

-- Retention: the stream keeps a window; older cursors answer "reset".
CREATE FUNCTION realtime.trim_stream(p_before timestamptz) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH gone AS (DELETE FROM realtime.stream WHERE recorded_at < p_before RETURNING 1) SELECT count(*) FROM gone
$$;
