-- Nickname keys become confusable skeletons (V3, in Java: NicknameKeyMigration). Look-alikes registered before that
-- share a key; sign-in tries each account under the typed key, and the command side keeps new names unique.
DROP INDEX gateway_credentials_confirmed_nickname;
