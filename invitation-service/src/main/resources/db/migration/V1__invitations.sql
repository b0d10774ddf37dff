CREATE TABLE invitation (
    id                 UUID PRIMARY KEY,
    connection_id      UUID         NOT NULL,
    connection_name    VARCHAR(64)  NOT NULL,
    initiator_name     VARCHAR(32)  NOT NULL,
    secret_hash        CHAR(64)     NOT NULL,
    payload_hash       CHAR(64)     NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    revoked_at         TIMESTAMPTZ,
    redeemed_at        TIMESTAMPTZ,
    agent_short_name   VARCHAR(32),
    agent_version      VARCHAR(64),
    agent_tracker_type VARCHAR(32),
    agent_id           VARCHAR(64) UNIQUE,
    agent_secret_hash  CHAR(64)
);
CREATE INDEX invitation_connection_idx ON invitation (connection_id);
