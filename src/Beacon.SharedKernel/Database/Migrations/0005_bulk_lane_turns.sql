-- Tenants take turns in the bulk lane (ADR 0008, "Turns between tenants"): one brokerage's 100,000-lead import no
-- longer queues every other brokerage's import behind its last chunk. The claim finds the tenants with bulk work
-- through this index (a skip scan) and serves the one served longest ago first.
CREATE INDEX jobs_bulk_by_tenant ON platform.jobs (tenant_id, run_at, id) WHERE lane = 'bulk';

-- When each tenant last had a bulk job claimed: the queue's only memory of whose turn it is.
CREATE TABLE platform.lane_turns (
    lane      text        NOT NULL,
    tenant_id uuid        NOT NULL,
    served_at timestamptz NOT NULL,
    PRIMARY KEY (lane, tenant_id)
);
