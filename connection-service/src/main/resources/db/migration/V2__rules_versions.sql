-- Every saved text of the public side's sync rules, per connection and direction; the highest version is the
-- current one. Old versions stay for the history; deleting the connection deletes them.
CREATE TABLE rules_version (
    id            UUID        PRIMARY KEY,
    connection_id UUID        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    direction     VARCHAR(16) NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
    version       INTEGER     NOT NULL CHECK (version >= 1),
    script        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT rules_version_uq UNIQUE (connection_id, direction, version)
);
