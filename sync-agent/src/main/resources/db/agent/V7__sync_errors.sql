-- parked_replica becomes the store of every sync error of this side. Flow INCOMING: a replica that could not be applied
-- (kept whole, retried in order). Flow OUTGOING: a local ticket whose outgoing rules, send or attachment upload failed
-- (no envelope: the ticket is read again on retry), retried with back-off from next_attempt_at.
-- A dead letter must be storable whatever it holds, so the twin id and the error have no small length limit.
ALTER TABLE parked_replica ADD COLUMN flow VARCHAR(16) DEFAULT 'INCOMING' NOT NULL;
ALTER TABLE parked_replica ADD COLUMN local_key VARCHAR(1000000);
ALTER TABLE parked_replica ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE parked_replica ALTER COLUMN twin_id SET DATA TYPE VARCHAR(1000000);
ALTER TABLE parked_replica ALTER COLUMN error SET DATA TYPE VARCHAR(1000000);
UPDATE parked_replica SET direction = 'incoming' WHERE direction IS NULL;
-- A B-tree entry is limited in size (about 2.7 kB in PostgreSQL): an index on the unbounded twin id could refuse the
-- very dead letter it is there for. The table stays small; lookups by twin scan it.
DROP INDEX parked_replica_twin_idx;
CREATE INDEX parked_replica_flow_idx ON parked_replica (flow, id);
