-- The audit trail (ADR 0015): every mutation, append-only, hash-chained per tenant. Each row's hash covers its
-- fields, the SHA-256 of its payload (before/after values) and the previous row's hash; the payload itself sits
-- outside the hash so an erasure can redact it (payload NULL, redacted_at set) and the chain still verifies.

CREATE TABLE audit.entries (
    tenant_id      uuid        NOT NULL,
    seq            bigint      NOT NULL,
    id             uuid        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    actor_kind     text        NOT NULL,
    actor_id       uuid,
    action         text        NOT NULL,
    subject_type   text,
    subject_id     text,
    request_id     text,
    client_address text,
    payload        jsonb,
    payload_hash   bytea,
    redacted_at    timestamptz,
    prev_hash      bytea       NOT NULL,
    row_hash       bytea       NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX entries_subject ON audit.entries (tenant_id, subject_type, subject_id, seq);
CREATE INDEX entries_actor ON audit.entries (tenant_id, actor_id, seq);
CREATE INDEX entries_action ON audit.entries (tenant_id, action, seq);
CREATE INDEX entries_time ON audit.entries (tenant_id, occurred_at);

-- The head of each tenant's chain. Appends lock this row until commit, so one tenant's entries are numbered and
-- linked in commit order and concurrent writers never fork the chain; a deleted tail shows as missing rows.
CREATE TABLE audit.heads (
    tenant_id uuid   PRIMARY KEY,
    last_seq  bigint NOT NULL,
    last_hash bytea  NOT NULL
);

ALTER TABLE audit.entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit.entries
    USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
ALTER TABLE audit.heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit.heads
    USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Unambiguous text of a nullable field: length-prefixed, NULL distinct from ''.
CREATE FUNCTION audit.field(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN t IS NULL THEN '~' ELSE length(t)::text || ':' || t END
$$;

CREATE FUNCTION audit.payload_hash(p jsonb) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN p IS NULL THEN NULL ELSE sha256(convert_to(p::text, 'UTF8')) END
$$;

CREATE FUNCTION audit.row_hash(e audit.entries) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(convert_to(
        audit.field(e.tenant_id::text) || audit.field(e.seq::text) || audit.field(e.id::text)
        || audit.field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
        || audit.field(e.actor_kind) || audit.field(e.actor_id::text) || audit.field(e.action)
        || audit.field(e.subject_type) || audit.field(e.subject_id) || audit.field(e.request_id)
        || audit.field(e.client_address) || audit.field(encode(e.payload_hash, 'hex'))
        || audit.field(encode(e.prev_hash, 'hex')), 'UTF8'))
$$;

-- Appends one entry to the current tenant's chain. SECURITY DEFINER: the app role may not write the table or the
-- heads directly, only through here (so every row it adds is numbered and chained).
CREATE FUNCTION audit.append(p_id uuid, p_occurred_at timestamptz, p_actor_kind text, p_actor_id uuid, p_action text,
    p_subject_type text, p_subject_id text, p_request_id text, p_client_address text, p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_tenant uuid := platform.current_tenant();
    v_head audit.heads;
    v_entry audit.entries;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'audit.append needs a transaction bound to a tenant';
    END IF;
    INSERT INTO audit.heads (tenant_id, last_seq, last_hash) VALUES (v_tenant, 0, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (tenant_id) DO NOTHING;
    SELECT * INTO v_head FROM audit.heads WHERE tenant_id = v_tenant FOR UPDATE;

    v_entry := ROW(v_tenant, v_head.last_seq + 1, p_id, p_occurred_at, p_actor_kind, p_actor_id, p_action, p_subject_type,
        p_subject_id, p_request_id, p_client_address, p_payload, audit.payload_hash(p_payload), NULL, v_head.last_hash,
        '\x'::bytea);
    v_entry.row_hash := audit.row_hash(v_entry);
    INSERT INTO audit.entries VALUES (v_entry.*);
    UPDATE audit.heads SET last_seq = v_entry.seq, last_hash = v_entry.row_hash WHERE tenant_id = v_tenant;
    RETURN v_entry.seq;
END $$;

-- Append-only, for every role: rows are never deleted, and the one update allowed is a redaction (payload set to
-- NULL, redacted_at set, nothing else touched) run by the owner through audit.redact_subject, not by the app role.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_user <> 'beacon_app' AND NEW.payload IS NULL AND NEW.redacted_at IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action, NEW.subject_type,
            NEW.subject_id, NEW.request_id, NEW.client_address, NEW.payload_hash, NEW.prev_hash, NEW.row_hash)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action, OLD.subject_type,
            OLD.subject_id, OLD.request_id, OLD.client_address, OLD.payload_hash, OLD.prev_hash, OLD.row_hash) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit.entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.entries FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE FUNCTION audit.refuse_head_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.heads moves only through audit.append' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.heads FOR EACH ROW
    WHEN (current_user = 'beacon_app') EXECUTE FUNCTION audit.refuse_head_change();

-- Erasure (GDPR Art. 17): drops the payloads of the current tenant's entries about one subject; the chain stays intact.
CREATE FUNCTION audit.redact_subject(p_subject_type text, p_subject_id text, p_at timestamptz) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH redacted AS (
        UPDATE audit.entries SET payload = NULL, redacted_at = p_at
         WHERE tenant_id = platform.current_tenant() AND subject_type = p_subject_type AND subject_id = p_subject_id
           AND payload IS NOT NULL
        RETURNING 1)
    SELECT count(*) FROM redacted
$$;

-- Walks the current tenant's chain in order and answers the first break: 'deleted' (a number is missing, or rows
-- after the last one present), 'payload_edited' (a payload no longer matches its stored hash, or vanished without a
-- redaction), 'edited' (a row's fields no longer match its hash), 'reordered' (a row is intact but does not follow the
-- row before it: moved, or inserted with recomputed hashes). A redacted payload (NULL, redacted_at set) is fine.
CREATE FUNCTION audit.verify_chain() RETURNS TABLE (ok boolean, checked bigint, broken_seq bigint, reason text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e audit.entries;
    v_expected bigint := 1;
    v_prev bytea := decode(repeat('00', 32), 'hex');
    v_head audit.heads;
BEGIN
    FOR e IN SELECT * FROM audit.entries WHERE tenant_id = platform.current_tenant() ORDER BY seq LOOP
        IF e.seq <> v_expected THEN
            RETURN QUERY SELECT false, v_expected - 1, v_expected, 'deleted'; RETURN;
        END IF;
        IF (e.payload IS NOT NULL AND audit.payload_hash(e.payload) IS DISTINCT FROM e.payload_hash)
           OR (e.payload IS NULL AND e.redacted_at IS NULL AND e.payload_hash IS NOT NULL) THEN
            RETURN QUERY SELECT false, v_expected - 1, e.seq, 'payload_edited'; RETURN;
        END IF;
        IF audit.row_hash(e) IS DISTINCT FROM e.row_hash THEN
            RETURN QUERY SELECT false, v_expected - 1, e.seq, 'edited'; RETURN;
        END IF;
        IF e.prev_hash IS DISTINCT FROM v_prev THEN
            RETURN QUERY SELECT false, v_expected - 1, e.seq, 'reordered'; RETURN;
        END IF;
        v_prev := e.row_hash;
        v_expected := v_expected + 1;
    END LOOP;
    SELECT * INTO v_head FROM audit.heads WHERE tenant_id = platform.current_tenant();
    IF v_head.tenant_id IS NOT NULL AND v_head.last_seq >= v_expected THEN
        RETURN QUERY SELECT false, v_expected - 1, v_expected, 'deleted'; RETURN;
    END IF;
    IF v_head.tenant_id IS NOT NULL AND v_head.last_hash IS DISTINCT FROM v_prev THEN
        RETURN QUERY SELECT false, v_expected - 1, v_expected - 1, 'edited'; RETURN;
    END IF;
    RETURN QUERY SELECT true, v_expected - 1, NULL::bigint, NULL::text;
END $$;

-- Tenants with a chain, for `beacon audit verify` without --tenant (it then verifies each under its own tenant).
CREATE FUNCTION audit.chained_tenants() RETURNS SETOF uuid
LANGUAGE sql SECURITY DEFINER STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT tenant_id FROM audit.heads ORDER BY tenant_id
$$;
