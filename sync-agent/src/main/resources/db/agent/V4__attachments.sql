-- Attachments of this side that were sent: their bytes are in connection-service's store under this hash, so they
-- are neither downloaded nor uploaded again. A tracker never changes an attachment's content under its id.
CREATE TABLE attachment_sent (
    twin_id             VARCHAR(64)  NOT NULL,
    local_attachment_id VARCHAR(128) NOT NULL,
    hash                VARCHAR(100) NOT NULL,
    size                BIGINT       NOT NULL,
    PRIMARY KEY (twin_id, local_attachment_id)
);

-- Attachments this side created as mirrors of the other side's (like comment_link), with the hash the bytes were
-- checked against: a mirror is recognised as such, never sent back, and never added twice.
CREATE TABLE attachment_link (
    twin_id              VARCHAR(64)  NOT NULL,
    local_attachment_id  VARCHAR(128) NOT NULL,
    remote_attachment_id VARCHAR(128) NOT NULL,
    hash                 VARCHAR(100) NOT NULL,
    PRIMARY KEY (twin_id, local_attachment_id)
);
