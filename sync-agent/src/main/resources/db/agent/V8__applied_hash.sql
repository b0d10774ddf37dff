-- The content hash of the last replica applied per twin: a replica with the same version but other content is a
-- reused version (an error to surface), not a redelivered duplicate.
ALTER TABLE twin ADD COLUMN last_applied_hash VARCHAR(100);
