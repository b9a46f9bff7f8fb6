-- The national node's receipt id of each forwarded communication (forwarding/forwarder.h): set
-- when the node takes the XML (state 'sent'), used to poll for its acknowledgement. For rows
-- 'sent' or 'acknowledged' next_attempt_at is the next acknowledgement poll.
ALTER TABLE forwarding ADD COLUMN node_receipt TEXT;
