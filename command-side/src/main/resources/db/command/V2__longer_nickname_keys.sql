-- Nickname keys become confusable skeletons (V3, in Java: NicknameKeyMigration), which can be longer than the name.
ALTER TABLE command_user_directory ALTER COLUMN nickname_key TYPE VARCHAR(256);
