-- Message lifecycle: replies, mentions and full-text search (processing group "conversations").
-- reply_to: the message of the same conversation a message answers; mentions: the members its content names.
-- position: the global position of its MessageSent event, the order of search hits across conversations;
-- sent_event_sequence: the sequence of that event in the conversation's stream, where its history starts.
-- Rows projected before this migration have neither: replay the group once after upgrading (README, "Replaying").
ALTER TABLE chat_messages
    ADD COLUMN reply_to            UUID,
    ADD COLUMN mentions            UUID[] NOT NULL DEFAULT '{}',
    ADD COLUMN position            BIGINT,
    ADD COLUMN sent_event_sequence BIGINT,
    -- English stems ("lunches" finds "lunch") and, for names, other languages and English stop words, the words as
    -- written. Deleted content is NULL, so a deleted or edited-away text is not found.
    ADD COLUMN search              TSVECTOR GENERATED ALWAYS AS (
        to_tsvector('english', coalesce(content, '')) || to_tsvector('simple', coalesce(content, ''))) STORED;

CREATE INDEX chat_messages_search_idx ON chat_messages USING GIN (search);
-- Hits newest first: for a frequent word, walking all messages by position finds a page of the member's sooner than
-- the GIN index lists every match (the planner picks by the word's frequency).
CREATE INDEX chat_messages_position_idx ON chat_messages (position);

-- A deletion takes the content out of the stored frames too: the message's own (MessageSent, MessageEdited) and the
-- quotes of it in replies. Rows stored before this migration have neither column: their frames age out in 7 days.
ALTER TABLE chat_frames
    ADD COLUMN message_id UUID,
    ADD COLUMN reply_to   UUID;
CREATE INDEX chat_frames_message_idx ON chat_frames (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX chat_frames_reply_to_idx ON chat_frames (reply_to) WHERE reply_to IS NOT NULL;
