ALTER TABLE auth_users ALTER COLUMN nickname_key SET NOT NULL;
CREATE UNIQUE INDEX auth_users_nickname_key_uk ON auth_users (nickname_key);
DROP INDEX auth_users_nickname_uk;
