-- The twin ledger: what this side knows of each twin, the receiver's record of applied versions (exactly-once
-- effect), the sender's last version and hash, and the hash that marks an echo.
CREATE TABLE twin (
    twin_id              VARCHAR(64)  PRIMARY KEY,
    local_key            VARCHAR(128) UNIQUE,
    remote_key           VARCHAR(128),
    state                VARCHAR(16)  NOT NULL,
    last_sent_version    BIGINT       NOT NULL,
    last_sent_hash       VARCHAR(100),
    last_applied_version BIGINT       NOT NULL,
    echo_hash            VARCHAR(100),
    previous_replica     TEXT,
    last_sync_at         TIMESTAMP,
    error                VARCHAR(2000)
);

CREATE TABLE comment_link (
    twin_id           VARCHAR(64)  NOT NULL,
    local_comment_id  VARCHAR(128) NOT NULL,
    remote_comment_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (twin_id, local_comment_id)
);

CREATE TABLE sync_state (
    state_key   VARCHAR(64) PRIMARY KEY,
    state_value TEXT        NOT NULL
);
