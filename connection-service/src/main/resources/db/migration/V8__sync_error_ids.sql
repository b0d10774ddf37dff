-- An agent parks whatever it cannot apply, including a replica whose twin id no twin could have: its sync error and
-- the retry command for it must still be storable, so neither twin id has a small length limit here.
ALTER TABLE sync_error ALTER COLUMN twin_id TYPE TEXT;
ALTER TABLE agent_command ALTER COLUMN twin_id TYPE TEXT;
