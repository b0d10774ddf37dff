-- Sync errors name the rules direction and script line when the rules failed, for GET /errors on the public side.
ALTER TABLE parked_replica ADD COLUMN direction VARCHAR(16);
ALTER TABLE parked_replica ADD COLUMN line INT;
-- A twin an operator (or either side's rules) stopped syncing stays in the ledger as UNSYNCED, so a trigger does not
-- bring its ticket under sync again by itself.
CREATE INDEX twin_last_sync_idx ON twin (last_sync_at);
