-- The front desk finds a resident by the last four digits of their phone: a keyed hash of the suffix (the
-- application's key), so no number is decrypted to search. Filled for existing rows when the application starts.
ALTER TABLE resident ADD COLUMN phone_tail_hash VARCHAR(64);
CREATE INDEX resident_phone_tail ON resident (phone_tail_hash) WHERE phone_tail_hash IS NOT NULL;
