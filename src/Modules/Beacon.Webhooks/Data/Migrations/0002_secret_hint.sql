-- Signing secrets are sealed at rest (AES-GCM under the deployment's key-encryption key), so the hint shown to the
-- integrator can no longer be cut from the stored value: it is kept beside it, from the secret as it was shown.
ALTER TABLE webhooks.subscriptions ADD COLUMN secret_hint text;
UPDATE webhooks.subscriptions SET secret_hint = left(secret, 10) || '…';
ALTER TABLE webhooks.subscriptions ALTER COLUMN secret_hint SET NOT NULL;
