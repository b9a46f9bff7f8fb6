-- The observatory's state: counters of cubes at their finest grain (domain/cells.h). One row per
-- cube, month and combination of dimension codes ('' where a cube has no such dimension or the
-- fact is unknown); events add and subtract deltas in the same transaction as their inbox rows.
-- No person is here: the codes are those of the events' aggregate facts (age band, citizenship
-- group, sex, workplace), never an identifier.
CREATE TABLE cells (
  cube TEXT NOT NULL CHECK (cube IN ('flow', 'stock', 'vacancy', 'proposal', 'appointment')),
  month TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT '',
  province TEXT NOT NULL DEFAULT '',
  municipality TEXT NOT NULL DEFAULT '',
  ateco_section TEXT NOT NULL DEFAULT '',
  contract_type TEXT NOT NULL DEFAULT '',
  working_time TEXT NOT NULL DEFAULT '',
  sex TEXT NOT NULL DEFAULT '',
  age_band TEXT NOT NULL DEFAULT '',
  citizenship_group TEXT NOT NULL DEFAULT '',
  profession_group TEXT NOT NULL DEFAULT '',
  cpi TEXT NOT NULL DEFAULT '',
  service TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  -- People, relationships, vacancies or appointments (a stock cell holds a delta, possibly < 0).
  n BIGINT NOT NULL DEFAULT 0,
  -- A sum kept beside the count: the days to fill of filled vacancies.
  total BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (cube, month, kind, province, municipality, ateco_section, contract_type,
               working_time, sex, age_band, citizenship_group, profession_group, cpi, service,
               outcome)
);

