-- The matching service's store: candidate profiles (personal data: names and the profile's
-- content; never in events or logs), the replica of enterprise's published vacancies, the
-- proposals with their history, and the audit of staff reads.

CREATE TABLE profiles (
  person_id TEXT PRIMARY KEY,
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  cpi_code TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('to_validate', 'validated', 'expired')),
  validated_on TEXT,
  expires_on TEXT,
  -- The expiry the warning event was sent for (sent once per validation).
  warned_expiry TEXT,
  content TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX profiles_by_cpi ON profiles (cpi_code, state, person_id);
CREATE INDEX profiles_by_expiry ON profiles (expires_on) WHERE state = 'validated';
CREATE INDEX profiles_changed ON profiles (updated_at);

CREATE TABLE vacancy_replica (
  vacancy_id TEXT PRIMARY KEY,
  company_fiscal_code TEXT NOT NULL,
  company_name TEXT NOT NULL,
  cpi_code TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  positions INTEGER NOT NULL,
  positions_filled INTEGER NOT NULL DEFAULT 0,
  -- The domain's vacancy as JSON (what matching uses of enterprise's content).
  content TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX vacancy_replica_by_company ON vacancy_replica (company_fiscal_code, state);
CREATE INDEX vacancy_replica_changed ON vacancy_replica (updated_at);

CREATE TABLE proposals (
  proposal_id TEXT PRIMARY KEY,
  vacancy_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  state TEXT NOT NULL,
  score INTEGER NOT NULL,
  deadline TEXT,
  visible_from TEXT,
  interview_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (vacancy_id, person_id)
);
-- A person's proposals, paged by id (OfPerson).
CREATE INDEX proposals_by_person ON proposals (person_id, proposal_id);
CREATE INDEX proposals_due ON proposals (deadline) WHERE state = 'proposed';

CREATE TABLE proposal_history (
  proposal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  -- Pseudonymous person id or staff id of who acted ("" for the system).
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (proposal_id, seq)
);

CREATE TABLE staff_audit (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL
);
