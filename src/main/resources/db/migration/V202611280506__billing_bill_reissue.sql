-- A metered line voided because its reading was wrong is issued again, once the reading is corrected, by the next
-- run of its item and period: the new line is the same room, item and period with the next reissue number. A line
-- voided for any other reason stays void (a run meets it and skips the room as before).
ALTER TABLE bill ADD COLUMN reissue INT NOT NULL DEFAULT 0;
ALTER TABLE bill DROP CONSTRAINT bill_once;
ALTER TABLE bill ADD CONSTRAINT bill_once UNIQUE NULLS NOT DISTINCT (room_id, parking_space_id, fee_item_id, period, source_key, reissue);
