CREATE TABLE enrollment (
    id              INT          PRIMARY KEY CHECK (id = 1),
    connection_id   VARCHAR(36)  NOT NULL,
    connection_name VARCHAR(64)  NOT NULL,
    initiator_name  VARCHAR(32)  NOT NULL,
    agent_id        VARCHAR(64)  NOT NULL,
    agent_secret    VARCHAR(256) NOT NULL,
    connection_api  VARCHAR(512) NOT NULL,
    invitation_api  VARCHAR(512) NOT NULL,
    kafka_bootstrap VARCHAR(512),
    redeemed_at     TIMESTAMP    NOT NULL
);
