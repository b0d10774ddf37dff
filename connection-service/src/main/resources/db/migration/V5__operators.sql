-- Operators: API keys (only the SHA-256 of each key is kept; keys are 256-bit random, so a plain hash is enough)
-- and the audit log of every change an operator makes.
CREATE TABLE operator_key (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL CHECK (role IN ('viewer', 'operator')),
    key_hash    CHAR(64)     NOT NULL,
    hint        VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX operator_key_hash_uq ON operator_key (key_hash);

CREATE TABLE audit_entry (
    id            UUID          PRIMARY KEY,
    occurred_at   TIMESTAMPTZ   NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    connection_id UUID,
    subject       VARCHAR(200),
    detail        VARCHAR(1000)
);
CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at DESC);
CREATE INDEX audit_entry_connection_idx ON audit_entry (connection_id, occurred_at DESC);

-- Agent credentials an operator can rotate (the agent fetches the next secret over its edge) and revoke.
ALTER TABLE agent_credential ADD COLUMN next_secret_hash CHAR(64);
ALTER TABLE agent_credential ADD COLUMN rotation_requested_at TIMESTAMPTZ;
ALTER TABLE agent_credential ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE connection ADD COLUMN credentials_revoked_at TIMESTAMPTZ;
ALTER TABLE connection ADD COLUMN credentials_rotation_requested_at TIMESTAMPTZ;
