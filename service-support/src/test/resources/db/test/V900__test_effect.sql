-- Only in service-support's tests: the "effect" a consumer writes in the same transaction as its inbox record.
CREATE TABLE test_effect (
    id   UUID PRIMARY KEY,
    note VARCHAR(64) NOT NULL
);
