-- L.68/1999 returns (prospetto informativo): one row per version. A correction adds a row with
-- version + 1 in the same chain (chain_id: the id of version 1) referencing the one it corrects.
-- The record is JSON (store/l68_return_json.cc): the input, the computed figures with their
-- explanations, the proposed correction and the history; times are integer microseconds (UTC).
CREATE TABLE l68_returns (
  id TEXT PRIMARY KEY,
  chain_id TEXT NOT NULL,
  company TEXT NOT NULL REFERENCES companies (fiscal_code),
  reference_year BIGINT NOT NULL CHECK (reference_year BETWEEN 2000 AND 2999),
  version BIGINT NOT NULL CHECK (version >= 1),
  state TEXT NOT NULL
    CHECK (state IN ('draft', 'submitted', 'under_correction', 'corrected', 'cancelled')),
  previous_id TEXT REFERENCES l68_returns (id),
  protocol TEXT UNIQUE,
  submitted_at BIGINT,
  late BIGINT NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  record TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (chain_id, version),
  -- Filed versions carry their protocol number and submission time.
  CHECK (state IN ('draft', 'cancelled') OR (protocol IS NOT NULL AND submitted_at IS NOT NULL)),
  CHECK (version = 1 OR previous_id IS NOT NULL)
);
-- One open return per company and reference year: a second draft is refused.
CREATE UNIQUE INDEX l68_returns_one_open ON l68_returns (company, reference_year)
  WHERE state IN ('draft', 'submitted', 'under_correction');
CREATE INDEX l68_returns_by_company ON l68_returns (company, id);
CREATE INDEX l68_returns_by_chain ON l68_returns (chain_id, version);

-- Protocol numbers: "PI-<year>-<n>", n counting from 1 in each year of submission.
CREATE TABLE l68_protocol_counters (
  protocol_year BIGINT PRIMARY KEY,
  last_number BIGINT NOT NULL CHECK (last_number >= 1)
);
