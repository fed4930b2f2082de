-- The account a community's residents pay their fees into (shown on payment orders and dunning notices when given;
-- the installation's setting otherwise).
ALTER TABLE community ADD COLUMN bank_account VARCHAR(200);
