-- Concurrent edits (sync-agent README, "Concurrent edits"). Per twin: this side's outgoing replica as the other side is
-- known to agree with it (after a send or an apply), so a local change not sent yet is recognised; and which fields
-- each sent version changed, kept until a replica from the other side says (basedOn) it had seen that version.
CREATE TABLE own_baseline (
    twin_id VARCHAR(64) PRIMARY KEY,
    replica TEXT        NOT NULL
);

CREATE TABLE sent_change (
    twin_id VARCHAR(64)  NOT NULL,
    version BIGINT       NOT NULL,
    fields  VARCHAR(200) NOT NULL,
    PRIMARY KEY (twin_id, version)
);
