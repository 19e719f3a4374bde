-- The keys that seal message content in the event store, one active key per sender (crypto-shredding: erasing a
-- user destroys their keys, and every event sealed with them stays in the store, unreadable). A key is stored
-- wrapped (AES-GCM) with the deployment's master key; a destroyed key keeps its row, without the key, so that a
-- reader can tell "erased" from "unknown".
CREATE TABLE content_keys (
    id         UUID        PRIMARY KEY,
    user_id    UUID        NOT NULL,
    wrapped    BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    erased_at  TIMESTAMPTZ
);
-- At most one key in use per user: two first messages at once agree on one.
CREATE UNIQUE INDEX content_keys_active_uk ON content_keys (user_id) WHERE wrapped IS NOT NULL;
CREATE INDEX content_keys_user_idx ON content_keys (user_id);
