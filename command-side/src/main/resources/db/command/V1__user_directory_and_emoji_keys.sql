-- Lookups the command side keeps for rules that span aggregates (set-based validation).
-- They are written in the same transaction as the events that justify them, and never read by clients.

-- Nicknames are unique ignoring case: nickname_key is the case-folded form.
CREATE TABLE command_user_directory (
    user_id      UUID         PRIMARY KEY,
    nickname     VARCHAR(64)  NOT NULL,
    nickname_key VARCHAR(128) NOT NULL,
    CONSTRAINT command_user_directory_nickname_key_uk UNIQUE (nickname_key)
);

CREATE TABLE command_user_roles (
    user_id UUID        NOT NULL REFERENCES command_user_directory (user_id),
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE command_emoji_keys (
    emoji_key VARCHAR(32) PRIMARY KEY
);
