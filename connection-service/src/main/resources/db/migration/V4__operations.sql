-- Operations on a connection's sync: triggers and their bulk syncs, the twin registry agents report to, the parked
-- replicas (sync errors) they report, the commands operators leave for the agents, and each agent's last report.

CREATE TABLE sync_trigger (
    id            UUID          PRIMARY KEY,
    connection_id UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    query         VARCHAR(2000) NOT NULL,
    description   VARCHAR(500),
    created_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sync_trigger_connection_idx ON sync_trigger (connection_id, created_at);

CREATE TABLE bulk_sync (
    id            UUID          PRIMARY KEY,
    connection_id UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    trigger_id    UUID          NOT NULL REFERENCES sync_trigger (id) ON DELETE CASCADE,
    state         VARCHAR(16)   NOT NULL CHECK (state IN ('REQUESTED', 'RUNNING', 'DONE', 'FAILED')),
    done          INTEGER       NOT NULL,
    total         INTEGER,
    error         VARCHAR(2000),
    requested_at  TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX bulk_sync_trigger_idx ON bulk_sync (trigger_id, requested_at);

-- One row per twin: each side reports its own key, state and last sync time.
CREATE TABLE twin (
    twin_id              VARCHAR(64)   PRIMARY KEY,
    connection_id        UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    public_key           VARCHAR(128),
    private_key          VARCHAR(128),
    public_state         VARCHAR(16),
    private_state        VARCHAR(16),
    public_synced_at     TIMESTAMPTZ,
    private_synced_at    TIMESTAMPTZ,
    requested            VARCHAR(16),
    requested_at         TIMESTAMPTZ,
    error                VARCHAR(2000)
);
CREATE INDEX twin_connection_idx ON twin (connection_id, public_key);

CREATE TABLE sync_error (
    id            UUID          PRIMARY KEY,
    connection_id UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    side          VARCHAR(8)    NOT NULL CHECK (side IN ('PUBLIC', 'PRIVATE')),
    parked_id     BIGINT        NOT NULL,
    twin_id       VARCHAR(64)   NOT NULL,
    message       VARCHAR(2000) NOT NULL,
    direction     VARCHAR(16),
    line          INTEGER,
    attempts      INTEGER       NOT NULL,
    parked_at     TIMESTAMPTZ   NOT NULL,
    retry_requested_at TIMESTAMPTZ,
    CONSTRAINT sync_error_parked_uq UNIQUE (connection_id, side, parked_id)
);

CREATE TABLE agent_command (
    id            UUID          PRIMARY KEY,
    connection_id UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    side          VARCHAR(8)    NOT NULL CHECK (side IN ('PUBLIC', 'PRIVATE')),
    type          VARCHAR(16)   NOT NULL,
    twin_id       VARCHAR(64),
    local_key     VARCHAR(128),
    parked_id     BIGINT,
    bulk_sync_id  UUID,
    query         VARCHAR(2000),
    created_at    TIMESTAMPTZ   NOT NULL,
    completed_at  TIMESTAMPTZ,
    outcome       VARCHAR(2000)
);
CREATE INDEX agent_command_pending_idx ON agent_command (connection_id, side, created_at) WHERE completed_at IS NULL;

CREATE TABLE agent_report (
    connection_id UUID          NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    side          VARCHAR(8)    NOT NULL CHECK (side IN ('PUBLIC', 'PRIVATE')),
    applying      BOOLEAN       NOT NULL,
    reported_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (connection_id, side)
);
