-- A reading entered wrong is corrected (or deleted) before it is billed, with a reason and who did it; a flagged
-- reading that was checked and is right is marked verified (核实), after which billing takes it without asking.
ALTER TABLE meter_reading ADD COLUMN verified_at TIMESTAMPTZ;
ALTER TABLE meter_reading ADD COLUMN verified_by VARCHAR(100);
ALTER TABLE meter_reading ADD COLUMN corrected_at TIMESTAMPTZ;
ALTER TABLE meter_reading ADD COLUMN corrected_by VARCHAR(100);
ALTER TABLE meter_reading ADD COLUMN correction_reason VARCHAR(200);
