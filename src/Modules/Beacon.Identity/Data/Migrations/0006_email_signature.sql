-- A user's own e-mail signature (several lines), used where a workflow message says {{agent.signature}}; announced to
-- other modules by user.profile_changed with the name and phone.
ALTER TABLE identity.users ADD COLUMN email_signature text;
