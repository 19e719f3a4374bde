-- The nicknames the conversations group shows, projected by that group itself from UserRegistered: a frame or a page
-- no longer reads the users group's table, which may lag behind. Seeded from it once; a replay of the group rebuilds it.
CREATE TABLE chat_users (
    id       UUID        PRIMARY KEY,
    nickname VARCHAR(64) NOT NULL
);
INSERT INTO chat_users (id, nickname) SELECT id, nickname FROM auth_users;

-- A member's unread count is counted when read (the others' messages after the member's seen mark), so that a message
-- writes its own row and its conversation's, not a row of every member.
ALTER TABLE chat_conversation_members DROP COLUMN unread_count;
