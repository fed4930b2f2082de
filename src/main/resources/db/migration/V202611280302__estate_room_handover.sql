-- The day a room was handed over to its owner (交房日期): it is billed for periods from then on, the first one pro rata
-- by days where the fee item says so. Rooms that exist were handed over, as far as anyone knows, when they were
-- entered.
ALTER TABLE room ADD COLUMN handover_date DATE;
UPDATE room SET handover_date = (created_at AT TIME ZONE '${zone}')::date;
ALTER TABLE room ALTER COLUMN handover_date SET NOT NULL;

CREATE OR REPLACE VIEW estate_room AS
    SELECT id, community_id, building_id, type, building_area, usable_area, handover_date FROM room;

-- A recurring fee item may bill the period of a room's handover by the days from it (按天折算).
ALTER TABLE fee_item ADD COLUMN prorate_first_period BOOLEAN NOT NULL DEFAULT FALSE;
