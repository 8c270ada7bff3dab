-- The live stream (Realtime module) takes each event once, in commit order per tenant; this marks what it took.
ALTER TABLE platform.events ADD COLUMN streamed_at timestamptz;
CREATE INDEX events_unstreamed ON platform.events (seq) WHERE streamed_at IS NULL;
