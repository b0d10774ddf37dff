-- Attachment bytes on their way between the two agents, content-addressed per connection: the key is the SHA-256 of
-- the content (64 lowercase hex digits), so the same file is stored once per connection and an upload can be repeated
-- safely. Replicas carry only the hash; the receiving agent fetches the bytes here and checks them against it.
-- Deleting the connection deletes its attachments.
CREATE TABLE attachment_blob (
    connection_id UUID        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    sha256        CHAR(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size          BIGINT      NOT NULL CHECK (size >= 0),
    content       BYTEA       NOT NULL,
    stored_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (connection_id, sha256)
);
