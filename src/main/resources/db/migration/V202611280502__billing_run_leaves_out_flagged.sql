-- A billing run started after its preview listed flagged readings (usage far above the room's average) either bills
-- them (the staff confirmed them) or leaves those rooms out of that meter's item; the rooms left out are listed with
-- the rooms without readings.
ALTER TABLE billing_run ADD COLUMN leave_out_flagged BOOLEAN NOT NULL DEFAULT FALSE;
