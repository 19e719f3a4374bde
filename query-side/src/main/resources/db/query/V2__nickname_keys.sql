-- Nicknames are unique by their key (NicknameKeyMigration fills it for existing rows in V3; V4 makes it unique),
-- the same key as on the command side: the confusable skeleton of the case-folded name.
ALTER TABLE auth_users ADD COLUMN nickname_key VARCHAR(256);
