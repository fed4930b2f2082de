-- The estate's published read model for set-based work in other modules (billing runs insert bills straight from
-- it): only the columns others may rely on. Views over one table are inlined by the planner, so they cost nothing.
CREATE VIEW estate_room AS
    SELECT id, community_id, building_id, type, building_area, usable_area FROM room;

CREATE VIEW estate_parking_space AS
    SELECT id, community_id FROM parking_space;

-- The payers (owners at the period) of a billing run's rooms, handed over by the residents module once per run and
-- joined into the bills; working data, removed when the run ends, so it needs no crash safety.
CREATE UNLOGGED TABLE billing_run_payer (
    run_id     BIGINT NOT NULL,
    room_id    BIGINT NOT NULL,
    payer_ids  TEXT   NOT NULL,
    PRIMARY KEY (run_id, room_id)
);
