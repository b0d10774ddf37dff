-- A mirrored comment about to be added (recorded before the tracker call, removed once it is linked): the next read
-- of the ticket adopts the comment with that text, added before a crash, instead of a second one being added.
CREATE TABLE comment_intent (
    twin_id           VARCHAR(64)  NOT NULL,
    remote_comment_id VARCHAR(128) NOT NULL,
    body              TEXT         NOT NULL,
    PRIMARY KEY (twin_id, remote_comment_id)
);
