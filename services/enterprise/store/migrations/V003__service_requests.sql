-- Service requests from companies to their CPI and their conversation threads
-- (domain/service_request.h). Times are integer microseconds (UTC); the history is a JSON array
-- (store/service_request_store.cc).
CREATE TABLE service_requests (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL REFERENCES companies (fiscal_code),
  kind TEXT NOT NULL CHECK (kind IN ('preselection', 'traineeship_activation',
                                     'incentives_information', 'l68_placement')),
  state TEXT NOT NULL CHECK (state IN ('submitted', 'taken_in_charge', 'waiting_for_company',
                                       'answered', 'closed')),
  -- '' while open.
  outcome TEXT NOT NULL CHECK (outcome IN ('', 'resolved', 'withdrawn', 'rejected')),
  cpi_code TEXT NOT NULL,
  vacancy_id TEXT REFERENCES vacancies (id),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  handler TEXT NOT NULL,
  created_by TEXT NOT NULL,
  reopen_count BIGINT NOT NULL CHECK (reopen_count >= 0),
  message_count BIGINT NOT NULL CHECK (message_count >= 0),
  history TEXT NOT NULL,
  -- Bumped by every change: a change based on an older read is retried (DB_CONFLICT).
  version BIGINT NOT NULL CHECK (version >= 1),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  CHECK ((state = 'closed') = (outcome <> '')),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
-- A company's requests and a CPI's work list (by state), newest first.
CREATE INDEX service_requests_by_company ON service_requests (company, id);
CREATE INDEX service_requests_by_cpi ON service_requests (cpi_code, state, id);

CREATE TABLE service_request_messages (
  request_id TEXT NOT NULL REFERENCES service_requests (id),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  author_side TEXT NOT NULL CHECK (author_side IN ('company', 'operator')),
  -- The person's fiscal code (company side) or the operator's id: kept, never shown.
  author TEXT NOT NULL,
  -- The step that wrote it ('ask', 'answer', ...); '' for a plain message.
  action TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (request_id, seq)
);
