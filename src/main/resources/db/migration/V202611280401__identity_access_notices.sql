-- Every node keeps who is behind each API token, and which communities each staff member works in, in memory.
-- A change to either tells every node at commit: NOTIFY on the channel linli_access with what changed
-- ('token:<hash>', 'staff:<account id>', 'resident:<account id>'); each node LISTENs and forgets it.
CREATE FUNCTION identity_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('linli_access', TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('linli_access', TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1]));
    END IF;
    RETURN NULL;
END $$;

-- a token revoked (signing out, a password changed, an account disabled); tokens deleted once expired are
-- refused by their expiry already
CREATE TRIGGER api_token_access_changed AFTER DELETE ON api_token
    FOR EACH ROW WHEN (OLD.expires_at > now()) EXECUTE FUNCTION identity_access_changed('token', 'token_hash');
CREATE TRIGGER api_token_access_updated AFTER UPDATE ON api_token
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('token', 'token_hash');

CREATE TRIGGER staff_account_access_changed AFTER UPDATE OR DELETE ON staff_account
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('staff', 'id');
CREATE TRIGGER staff_account_role_access_changed AFTER INSERT OR UPDATE OR DELETE ON staff_account_role
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('staff', 'account_id');
CREATE TRIGGER staff_account_permission_access_changed AFTER INSERT OR UPDATE OR DELETE ON staff_account_permission
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('staff', 'account_id');
CREATE TRIGGER staff_account_community_access_changed AFTER INSERT OR UPDATE OR DELETE ON staff_account_community
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('staff', 'account_id');

CREATE TRIGGER resident_account_access_changed AFTER UPDATE OR DELETE ON resident_account
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('resident', 'id');
