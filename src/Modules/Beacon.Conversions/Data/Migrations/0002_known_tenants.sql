-- Tenants Conversions holds anything for, for `beacon conversions rebuild` without --tenant (it then rebuilds each
-- under its own tenant). Every brokerage has an owner, so its users' projection names it even before its first lead.
CREATE FUNCTION conversions.known_tenants() RETURNS SETOF uuid
LANGUAGE sql SECURITY DEFINER STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT tenant_id FROM conversions.agents UNION SELECT tenant_id FROM conversions.lead_facts ORDER BY 1
$$;
