-- Progress counts rooms × items; the lines a run found billed already are counted apart, when it ends.
ALTER TABLE billing_run ADD COLUMN skipped INT NOT NULL DEFAULT 0;
