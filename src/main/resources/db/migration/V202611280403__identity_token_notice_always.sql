-- Every revoked token is told to every node, also one the database's clock thinks expired: a node's clock may be
-- behind the database's, and a node keeps a token until its own clock passes the expiry.
DROP TRIGGER api_token_access_changed ON api_token;
CREATE TRIGGER api_token_access_changed AFTER DELETE ON api_token
    FOR EACH ROW EXECUTE FUNCTION identity_access_changed('token', 'token_hash');
