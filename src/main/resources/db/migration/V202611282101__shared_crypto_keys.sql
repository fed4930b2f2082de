-- Keys the application keeps in the database, each sealed (AES-GCM) with the configured
-- encryption key, never in the clear: the search hash's key, which must outlive a
-- rotation of the encryption key so that the hashes in the tables stay valid.
CREATE TABLE crypto_key (
    purpose  VARCHAR(40) PRIMARY KEY,
    sealed   TEXT        NOT NULL
);
