-- The forwarder takes due rows ordered by (next_attempt_at, code): with the code in the index the
-- rows of a bulk batch (one next_attempt_at for hundreds of rows) are read in order, not sorted.
DROP INDEX forwarding_due;
CREATE INDEX forwarding_due ON forwarding (state, next_attempt_at, code);
