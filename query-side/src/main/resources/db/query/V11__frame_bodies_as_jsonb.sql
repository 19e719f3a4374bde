-- A stored frame's body is the frame's JSON: as jsonb, taking content out of it (a deletion, an erasure) is a plain
-- jsonb operation instead of a conversion from bytes and back.
ALTER TABLE chat_frames ALTER COLUMN body TYPE JSONB USING convert_from(body, 'UTF8')::jsonb;
