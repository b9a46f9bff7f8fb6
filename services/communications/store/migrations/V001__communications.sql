-- The communications service's store: accepted communications (the content as the ministry's
-- XML, beside the columns queries filter on), the employment relationships they shape, the
-- replica of enterprise's delegations (who may file for a company), the forwarding spool and the
-- staff audit. Times are integer microseconds (UTC), days 'YYYY-MM-DD'.
CREATE TABLE relationships (
  id TEXT PRIMARY KEY,
  -- The employer (the agency for agency work), the worker and the start identify it.
  employer TEXT NOT NULL,
  worker TEXT NOT NULL,
  start_date TEXT NOT NULL,
  person_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'cancelled')),
  -- The relationship's state as JSON (store/relationship_json.cc).
  record TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX relationships_key ON relationships (employer, worker, start_date);
CREATE INDEX relationships_by_worker ON relationships (worker, start_date);

CREATE TABLE communications (
  code TEXT PRIMARY KEY,
  -- None for VARDATORI, which names several workers (their relationships keep their ids).
  relationship_id TEXT REFERENCES relationships (id),
  -- The company it was filed for (employer, or agency for UNISOMM).
  filed_for TEXT NOT NULL,
  worker TEXT NOT NULL,
  form TEXT NOT NULL,
  nature TEXT NOT NULL,
  event TEXT NOT NULL,
  event_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('accepted', 'corrected', 'cancelled')),
  previous_code TEXT,
  next_code TEXT,
  due_date TEXT NOT NULL,
  days_late INTEGER NOT NULL,
  -- Warnings as JSON; the content as the ministry's XML (with this code).
  warnings TEXT NOT NULL,
  xml TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_by_role TEXT NOT NULL,
  protocol_at BIGINT NOT NULL,
  -- Within its relationship, in filing order.
  seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX communications_order ON communications (relationship_id, seq);
CREATE INDEX communications_by_company ON communications (filed_for, protocol_at);
CREATE INDEX communications_by_worker ON communications (worker);

-- Enterprise's delegations as its events tell them (sisl.enterprise.delegations.v1).
CREATE TABLE delegation_replica (
  delegation_id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  holder_person_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  scopes TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX delegation_replica_by_holder ON delegation_replica (holder_person_id, company);

-- The national node's spool: each accepted communication's XML, to send, sent, acknowledged.
CREATE TABLE forwarding (
  code TEXT PRIMARY KEY REFERENCES communications (code),
  state TEXT NOT NULL CHECK (state IN ('to_send', 'sent', 'acknowledged')),
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX forwarding_due ON forwarding (state, next_attempt_at);

CREATE TABLE staff_audit (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied'))
);
