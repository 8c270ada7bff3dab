-- The assistant: each user's chat threads and their messages. A thread belongs to one user and nobody else reads
-- it. lead_ids lists the leads an answer named, so a lead's export and erasure find the messages about them.

CREATE TABLE assistant.threads (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX threads_by_user ON assistant.threads (tenant_id, user_id, updated_at DESC);

CREATE TABLE assistant.messages (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    thread_id  uuid        NOT NULL,
    seq        bigint      GENERATED ALWAYS AS IDENTITY,
    role       text        NOT NULL CHECK (role IN ('user', 'assistant')),
    text       text        NOT NULL,
    agent_name text,
    status     text        NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'cancelled')),
    client_id  text,
    lead_ids   uuid[]      NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, thread_id) REFERENCES assistant.threads (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_by_thread ON assistant.messages (tenant_id, thread_id, seq);
CREATE INDEX messages_by_lead ON assistant.messages USING gin (lead_ids);
-- A message resent after a reconnect (same clientId) is stored once.
CREATE UNIQUE INDEX messages_client_id ON assistant.messages (tenant_id, thread_id, client_id) WHERE role = 'user';

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['threads', 'messages'] LOOP
    EXECUTE format('ALTER TABLE assistant.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE assistant.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON assistant.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
