-- A conversation's retention and legal hold, as the audit API shows them.
ALTER TABLE chat_conversations ADD COLUMN retention_days INTEGER;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_reason TEXT;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_by UUID;
ALTER TABLE chat_conversations ADD COLUMN legal_hold_at TIMESTAMPTZ;

-- A sender erased while the conversation was on hold: what they sent there before the erasure (by the erasure
-- event's position; unless an edit after the erasure replaced it) is erased when the hold ends. The erasure and the
-- release (which names the user) may be projected in either order; the second applies it and removes the row.
CREATE TABLE chat_pending_erasures (
    conversation_id UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    before_position BIGINT,
    erased_at       TIMESTAMPTZ,
    released        BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (conversation_id, user_id)
);
