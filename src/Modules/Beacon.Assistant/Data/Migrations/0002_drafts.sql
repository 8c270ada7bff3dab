-- The message drafter (docs/assistant.md): an answer that drafted an e-mail or a text keeps the draft (channel, lead,
-- subject, body, segments, compliance notes) beside its text, so the thread shows it again with its Copy button.
-- The lead is in the answer's lead_ids, so erasure drops the draft and export includes it.

ALTER TABLE assistant.messages ADD COLUMN draft jsonb;
