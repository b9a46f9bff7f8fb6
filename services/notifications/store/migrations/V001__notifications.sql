-- The notifications service's store: the ledger of outgoing messages (one row per message and
-- channel, keyed by the domain's idempotency key, so each is sent once), the durable reminder
-- jobs, and the citizens' preferences. Times are integer microseconds since the epoch, UTC.

-- One message on one channel. Lifecycle: queued -> sending (leased by one replica) -> sent; a
-- temporary failure puts it back to queued with a backoff, a permanent one makes it 'failed',
-- running out of attempts makes it 'dead'; failed and dead are the dead letters an operator
-- retries (back to queued).
CREATE TABLE outgoing_messages (
  idempotency_key TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  language TEXT NOT NULL,
  -- What the sender needs without re-reading the event: the message's values (the domain's
  -- MessageValues, and the .ics of a confirmation) as JSON written by the caller; rendered in
  -- `language` at send time. Contact data is not here (read from the owning service).
  values_json TEXT NOT NULL,
  -- The appointment it is about, if any.
  appointment_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead')),
  -- Failed attempts so far (kept by an operator's retry).
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  -- The replica sending it and until when; NULL unless sending.
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
-- The due queries (ClaimDue): queued by next attempt, sending by lease end.
CREATE INDEX outgoing_messages_queued ON outgoing_messages (next_attempt_at, idempotency_key)
  WHERE state = 'queued';
CREATE INDEX outgoing_messages_sending ON outgoing_messages (lease_until)
  WHERE state = 'sending';
-- The dead letters for operators, and the citizen's messages (newest first).
CREATE INDEX outgoing_messages_dead ON outgoing_messages (idempotency_key)
  WHERE state IN ('failed', 'dead');
CREATE INDEX outgoing_messages_by_person ON outgoing_messages (person_id, created_at,
  idempotency_key);
CREATE INDEX outgoing_messages_by_state ON outgoing_messages (state, created_at);

-- A reminder of one appointment, N days before, on one channel; the key is the domain's
-- ReminderKey(appointment_id, days_before, channel). 'scheduled' until the reminder's message is
-- enqueued ('done'), or 'cancelled' when the appointment moves or is cancelled.
CREATE TABLE reminder_jobs (
  reminder_key TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL,
  days_before INTEGER NOT NULL,
  channel TEXT NOT NULL,
  person_id TEXT NOT NULL,
  language TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  appointment_start BIGINT NOT NULL,
  -- The appointment's values for the reminder's template, as JSON (as values_json above).
  values_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'done', 'cancelled')),
  lease_owner TEXT,
  lease_until BIGINT,
  updated_at BIGINT NOT NULL,
  UNIQUE (appointment_id, days_before, channel)
);
CREATE INDEX reminder_jobs_due ON reminder_jobs (due_at, reminder_key) WHERE state = 'scheduled';

-- The citizen's choices: channels as their names separated by ',' ("email,app_io"), the
-- language as its ISO 639-1 code.
CREATE TABLE preferences (
  person_id TEXT PRIMARY KEY,
  channels TEXT NOT NULL,
  language TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
