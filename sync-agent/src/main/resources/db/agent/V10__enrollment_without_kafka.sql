-- The agent learns Kafka (partner listener, identity, CA) over its authenticated edge with each token, not from the
-- invitation code: nothing about Kafka is kept.
ALTER TABLE enrollment DROP COLUMN kafka_bootstrap;
