-- Photos taken on the job: of a completed maintenance task, or of an inspection checkpoint's result.
CREATE TABLE equipment_photo (
    id                    BIGSERIAL PRIMARY KEY,
    community_id          BIGINT       NOT NULL,
    maintenance_task_id   BIGINT       REFERENCES maintenance_task (id),
    inspection_result_id  BIGINT       REFERENCES inspection_result (id),
    stored_name           VARCHAR(80)  NOT NULL UNIQUE,
    content_type          VARCHAR(30)  NOT NULL,
    size                  BIGINT       NOT NULL,
    uploaded_by           BIGINT,
    uploaded_at           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT equipment_photo_of_one CHECK ((maintenance_task_id IS NULL) <> (inspection_result_id IS NULL))
);
CREATE INDEX equipment_photo_by_task ON equipment_photo (maintenance_task_id);
CREATE INDEX equipment_photo_by_result ON equipment_photo (inspection_result_id);
-- A task's later open occurrences are laid out again after a completion; their (never taken) photos go with them.
