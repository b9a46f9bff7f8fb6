-- The enterprise service's store: companies with their versions, delegations, vacancies and the
-- staff audit. Records are JSON documents (store/*_json.cc) beside the columns queries filter on;
-- times are integer microseconds (UTC), days 'YYYY-MM-DD'.
CREATE TABLE companies (
  fiscal_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  record TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX companies_by_name ON companies (name_folded);

-- The CPIs where a company has its registered office or a site (operators see those).
CREATE TABLE company_cpis (
  fiscal_code TEXT NOT NULL REFERENCES companies (fiscal_code),
  cpi_code TEXT NOT NULL,
  PRIMARY KEY (fiscal_code, cpi_code)
);
CREATE INDEX company_cpis_by_cpi ON company_cpis (cpi_code, fiscal_code);

CREATE TABLE company_versions (
  fiscal_code TEXT NOT NULL REFERENCES companies (fiscal_code),
  version BIGINT NOT NULL,
  changed_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  reason TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (fiscal_code, version)
);

CREATE TABLE delegations (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL REFERENCES companies (fiscal_code),
  kind TEXT NOT NULL CHECK (kind IN ('legal_representative', 'delegate', 'consultant')),
  holder TEXT NOT NULL,
  -- The holder's pseudonymous person id: what an internal token names them by.
  holder_person_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'revoked', 'expired')),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  record TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX delegations_by_holder ON delegations (holder_person_id, state);
CREATE INDEX delegations_by_company ON delegations (company, state);
-- One open delegation of a kind per holder and company: a second grant is refused.
CREATE UNIQUE INDEX delegations_one_open ON delegations (company, holder, kind)
  WHERE state IN ('pending', 'active');

CREATE TABLE vacancies (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL REFERENCES companies (fiscal_code),
  state TEXT NOT NULL,
  cpi_code TEXT NOT NULL,
  profession_code TEXT NOT NULL,
  province TEXT NOT NULL,
  municipality TEXT NOT NULL,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  contract_type TEXT NOT NULL,
  working_time TEXT NOT NULL,
  l68_reserved BIGINT NOT NULL,
  publication_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  published_at BIGINT,
  search_text TEXT NOT NULL,
  record TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX vacancies_by_company ON vacancies (company, updated_at);
CREATE INDEX vacancies_by_cpi ON vacancies (cpi_code, state, updated_at);
CREATE INDEX vacancies_published ON vacancies (published_at, id) WHERE state = 'published';
CREATE INDEX vacancies_expiring ON vacancies (expiry_date) WHERE state IN ('approved', 'published', 'suspended');

-- Staff reads of people's data in this service (who, when, why) and refusals.
CREATE TABLE enterprise_audit (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX enterprise_audit_by_subject ON enterprise_audit (subject, at);
