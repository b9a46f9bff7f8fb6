-- CPIs (Centri per l'impiego) and their sites. Portable SQL: runs on PostgreSQL 15 and SQLite.
CREATE TABLE cpis (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT NOT NULL,
  catchment_number INTEGER NOT NULL,
  resident_population BIGINT NOT NULL,
  working_age_population BIGINT NOT NULL,
  area_km2 DOUBLE PRECISION NOT NULL
);

CREATE TABLE offices (
  site_code TEXT PRIMARY KEY,
  cpi_code TEXT NOT NULL REFERENCES cpis (code),
  kind TEXT NOT NULL CHECK (kind IN ('centre', 'branch')),
  province TEXT NOT NULL,
  municipality TEXT NOT NULL,
  address TEXT NOT NULL,
  label TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  source_note TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at BIGINT NOT NULL
);

CREATE INDEX offices_by_province ON offices (province, site_code);
CREATE INDEX offices_by_cpi ON offices (cpi_code, site_code);
