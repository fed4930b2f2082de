-- A QR report's follow-up code (kept by equipment, as a hash): the reporter checks the repair's state with it.
ALTER TABLE equipment_fault ADD COLUMN follow_up_hash VARCHAR(64);
CREATE UNIQUE INDEX equipment_fault_follow_up ON equipment_fault (follow_up_hash) WHERE follow_up_hash IS NOT NULL;
