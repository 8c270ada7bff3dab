-- Sign-in throttling that cannot be turned against the account's owner. 0001 locked an e-mail address for everyone
-- after 5 failures from anywhere, so anybody could lock anybody out. Now failures are counted per (account,
-- address) and per address, which lock only that pair or that address, and per account, which never locks: past a
-- ceiling it slows every attempt on the account and raises a warning. State is here so every node shares it.

DROP FUNCTION identity.login_locked_until(text);
DROP FUNCTION identity.record_login_failure(text, int, interval, interval);
DROP FUNCTION identity.reset_login_failures(text);
DROP TABLE identity_private.login_throttle;

CREATE TABLE identity_private.login_failures (
    scope        text        NOT NULL CHECK (scope IN ('pair', 'address', 'account')),
    key          text        NOT NULL,
    failures     int         NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (scope, key)
);
CREATE INDEX login_failures_window ON identity_private.login_failures (window_start);

-- Before verifying: the lock-out end of this pair or this address (null when neither is locked), and the account's
-- failures in the current window (to slow it down past the ceiling).
CREATE FUNCTION identity.login_gate(p_email text, p_address text, p_window interval)
RETURNS TABLE (locked_until timestamptz, account_failures int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT (SELECT max(f.locked_until) FROM identity_private.login_failures f
             WHERE ((f.scope = 'pair' AND f.key = p_email || ' ' || p_address) OR (f.scope = 'address' AND f.key = p_address))
               AND f.locked_until > now()),
           coalesce((SELECT f.failures FROM identity_private.login_failures f
                      WHERE f.scope = 'account' AND f.key = p_email AND f.window_start >= now() - p_window), 0)
$$;

-- Counts one failure in all three scopes (a window restarts once it is older than p_window); locks the pair at
-- p_pair_max and the address at p_address_max failures in the window. Returns the lock-out end, if any, and the account's count.
CREATE FUNCTION identity.record_login_failure(p_email text, p_address text, p_pair_max int, p_address_max int,
    p_window interval, p_lockout interval)
RETURNS TABLE (locked_until timestamptz, account_failures int)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    -- Rows whose window and lock are long over are noise: prune a few now and then, on the write path.
    DELETE FROM identity_private.login_failures
     WHERE ctid = ANY (ARRAY(SELECT ctid FROM identity_private.login_failures
                              WHERE window_start < now() - p_window - p_lockout
                                AND (locked_until IS NULL OR locked_until < now()) LIMIT 100));
    WITH counted AS (
        INSERT INTO identity_private.login_failures AS t (scope, key, failures, window_start)
        VALUES ('pair', p_email || ' ' || p_address, 1, now()), ('address', p_address, 1, now()), ('account', p_email, 1, now())
        ON CONFLICT (scope, key) DO UPDATE SET
            failures     = CASE WHEN t.window_start < now() - p_window THEN 1 ELSE t.failures + 1 END,
            window_start = CASE WHEN t.window_start < now() - p_window THEN now() ELSE t.window_start END,
            locked_until = CASE WHEN t.scope <> 'account'
                                 AND CASE WHEN t.window_start < now() - p_window THEN 1 ELSE t.failures + 1 END
                                     >= CASE t.scope WHEN 'pair' THEN p_pair_max ELSE p_address_max END
                                THEN now() + p_lockout ELSE t.locked_until END
        RETURNING t.scope, t.failures, t.locked_until)
    SELECT (SELECT max(c.locked_until) FROM counted c WHERE c.scope <> 'account' AND c.locked_until > now()),
           (SELECT c.failures FROM counted c WHERE c.scope = 'account')
$$;

-- A correct password clears its own pair only: an attacker's successful sign-in elsewhere must not reset the
-- address or the account count.
CREATE FUNCTION identity.reset_login_failures(p_email text, p_address text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DELETE FROM identity_private.login_failures WHERE scope = 'pair' AND key = p_email || ' ' || p_address
$$;
