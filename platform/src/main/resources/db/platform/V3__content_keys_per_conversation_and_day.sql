-- Keys per sender, conversation and day (UTC) of the content they seal, so that retention can destroy a day's keys
-- of one conversation and a legal hold can keep one conversation's keys through the sender's erasure. Keys made
-- before this (one per sender, conversation_id and day NULL) stay readable until V4 seals their content again.
ALTER TABLE content_keys ADD COLUMN conversation_id UUID;
ALTER TABLE content_keys ADD COLUMN day DATE;
-- The sender was erased while the conversation was on hold: the key is destroyed when the hold ends, and seals
-- nothing new meanwhile.
ALTER TABLE content_keys ADD COLUMN erase_pending_at TIMESTAMPTZ;
DROP INDEX content_keys_active_uk;
CREATE UNIQUE INDEX content_keys_active_uk ON content_keys (user_id, conversation_id, day)
    WHERE wrapped IS NOT NULL AND erase_pending_at IS NULL;
CREATE INDEX content_keys_conversation_idx ON content_keys (conversation_id, day) WHERE wrapped IS NOT NULL;

-- Conversations on legal hold: neither retention nor a sender's erasure destroys their keys meanwhile.
CREATE TABLE content_holds (
    conversation_id UUID        PRIMARY KEY,
    placed_at       TIMESTAMPTZ NOT NULL
);
