-- How long each conversation keeps its content (the days after it was written), for the retention job to find the
-- conversations with content due; the conversation's events (RetentionChanged) are the record.
CREATE TABLE command_conversation_retention (
    conversation_id UUID    PRIMARY KEY,
    days            INTEGER NOT NULL CHECK (days > 0)
);
