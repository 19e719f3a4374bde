-- Every frame a conversation's subscribers were sent for a stored change, written with the change, numbered per
-- conversation (frame_seq 1, 2, 3, ...), so that a client or a gateway that missed some can read them again.
-- Kept at least 7 days (FrameLog's retention); a replay of the projection leaves the rows as they are.
ALTER TABLE chat_conversations ADD COLUMN last_frame_seq BIGINT NOT NULL DEFAULT 0;
CREATE TABLE chat_frames (
    conversation_id UUID         NOT NULL,
    frame_seq       BIGINT       NOT NULL,
    type            VARCHAR(255) NOT NULL,
    body            BYTEA        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (conversation_id, frame_seq)
);
CREATE INDEX chat_frames_created_idx ON chat_frames (created_at);
