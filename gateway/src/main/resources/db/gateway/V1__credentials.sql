-- Passwords live only here, as bcrypt hashes: never in events, logs or Kafka.
-- A row is written before its RegisterUser command and confirmed after it: a row left unconfirmed by a crash is
-- confirmed at sign-in once the user is known to exist, and a row whose registration was refused is deleted.
CREATE TABLE gateway_credentials (
    user_id       UUID         PRIMARY KEY,
    nickname_key  VARCHAR(256) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    confirmed     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX gateway_credentials_nickname ON gateway_credentials (nickname_key);
CREATE UNIQUE INDEX gateway_credentials_confirmed_nickname ON gateway_credentials (nickname_key) WHERE confirmed;
