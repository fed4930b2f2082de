-- The last day the room-status job brought rooms up to date: the next run catches up every move-in and move-out
-- since then, however long the application was down.
CREATE TABLE room_status_refresh (
    id        INT  PRIMARY KEY CHECK (id = 1),
    last_day  DATE NOT NULL
);
