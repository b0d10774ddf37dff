CREATE TABLE connection (
    id                    UUID PRIMARY KEY,
    name                  VARCHAR(64)   NOT NULL,
    description           VARCHAR(1000),
    local_name            VARCHAR(32)   NOT NULL,
    remote_name           VARCHAR(32)   NOT NULL,
    type                  VARCHAR(16)   NOT NULL,
    mode                  VARCHAR(16)   NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    destination           VARCHAR(64)   NOT NULL,
    created_at            TIMESTAMPTZ   NOT NULL,
    accepted_at           TIMESTAMPTZ,
    invitation_expires_at TIMESTAMPTZ,
    agent_version         VARCHAR(64),
    agent_tracker_type    VARCHAR(32),
    agent_last_seen_at    TIMESTAMPTZ,
    revision              BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX connection_name_uq ON connection (lower(name));

CREATE TABLE agent_credential (
    agent_id      VARCHAR(64) PRIMARY KEY,
    connection_id UUID        NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    secret_hash   CHAR(64)    NOT NULL,
    issued_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_credential_connection_idx ON agent_credential (connection_id);
