-- Work-order and complaint photos, expense and announcement attachments move from a BYTEA column of their own into
-- the file store (stored_file_chunk, 256 KiB chunks), where they are written and read a chunk at a time like the
-- equipment files; each row keeps the name its content is stored under.
ALTER TABLE work_order_photo ADD COLUMN stored_name VARCHAR(80);
UPDATE work_order_photo SET stored_name = 'work-order-photo-' || id || '-' || gen_random_uuid();
INSERT INTO stored_file_chunk (name, seq, data)
SELECT p.stored_name, s.seq, substring(p.content FROM s.seq * 262144 + 1 FOR 262144)
FROM work_order_photo p, generate_series(0, (length(p.content) - 1) / 262144) AS s(seq)
WHERE length(p.content) > 0;
ALTER TABLE work_order_photo DROP COLUMN content;
ALTER TABLE work_order_photo ALTER COLUMN stored_name SET NOT NULL;
ALTER TABLE work_order_photo ADD CONSTRAINT work_order_photo_stored_once UNIQUE (stored_name);

ALTER TABLE complaint_photo ADD COLUMN stored_name VARCHAR(80);
UPDATE complaint_photo SET stored_name = 'complaint-photo-' || id || '-' || gen_random_uuid();
INSERT INTO stored_file_chunk (name, seq, data)
SELECT p.stored_name, s.seq, substring(p.content FROM s.seq * 262144 + 1 FOR 262144)
FROM complaint_photo p, generate_series(0, (length(p.content) - 1) / 262144) AS s(seq)
WHERE length(p.content) > 0;
ALTER TABLE complaint_photo DROP COLUMN content;
ALTER TABLE complaint_photo ALTER COLUMN stored_name SET NOT NULL;
ALTER TABLE complaint_photo ADD CONSTRAINT complaint_photo_stored_once UNIQUE (stored_name);

ALTER TABLE expense_attachment ADD COLUMN stored_name VARCHAR(80);
UPDATE expense_attachment SET stored_name = 'expense-attachment-' || expense_id || '-' || gen_random_uuid();
INSERT INTO stored_file_chunk (name, seq, data)
SELECT a.stored_name, s.seq, substring(a.content FROM s.seq * 262144 + 1 FOR 262144)
FROM expense_attachment a, generate_series(0, (length(a.content) - 1) / 262144) AS s(seq)
WHERE length(a.content) > 0;
ALTER TABLE expense_attachment DROP COLUMN content;
ALTER TABLE expense_attachment ALTER COLUMN stored_name SET NOT NULL;
ALTER TABLE expense_attachment ADD CONSTRAINT expense_attachment_stored_once UNIQUE (stored_name);

ALTER TABLE announcement_attachment ADD COLUMN stored_name VARCHAR(80);
UPDATE announcement_attachment SET stored_name = 'announcement-attachment-' || id || '-' || gen_random_uuid();
INSERT INTO stored_file_chunk (name, seq, data)
SELECT a.stored_name, s.seq, substring(a.content FROM s.seq * 262144 + 1 FOR 262144)
FROM announcement_attachment a, generate_series(0, (length(a.content) - 1) / 262144) AS s(seq)
WHERE length(a.content) > 0;
ALTER TABLE announcement_attachment DROP COLUMN content;
ALTER TABLE announcement_attachment ALTER COLUMN stored_name SET NOT NULL;
ALTER TABLE announcement_attachment ADD CONSTRAINT announcement_attachment_stored_once UNIQUE (stored_name);
