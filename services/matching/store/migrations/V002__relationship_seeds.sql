-- Experiences known from communications' relationships (consumed events), by person: a profile
-- is prefilled with them, and an existing one gains them as they come.
CREATE TABLE relationship_seeds (
  relationship_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  profession_code TEXT NOT NULL,
  employer_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  open INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX relationship_seeds_by_person ON relationship_seeds (person_id, start_date);
