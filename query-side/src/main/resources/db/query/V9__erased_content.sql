-- A message whose sender's content was erased (their keys destroyed): it keeps its place, sender and times; its
-- content (and with it its search vector) is NULL.
ALTER TABLE chat_messages ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;
