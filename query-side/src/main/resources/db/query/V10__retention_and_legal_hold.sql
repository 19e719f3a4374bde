-- A conversation's retention and legal hold, as the audit API shows them.
ALTER TABLE chat_conversations ADD COLUMN retention_days INTEGER;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_reason TEXT;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_by UUID;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_at TIMESTAMPTZ;

-- A sender erased while the conversation was on hold: what they sent there before the erasure (by the erasure
-- event's position) is erased when the hold ends.
CREATE TABLE chat_pending_erasures (
    conversation_id UUID   NOT NULL,
    user_id         UUID   NOT NULL,
    before_position BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
