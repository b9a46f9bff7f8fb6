-- The gateway's staff directory. Portable SQL: runs on PostgreSQL 15 and SQLite.
CREATE TABLE staff_members (
  id TEXT PRIMARY KEY,
  fiscal_code TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version BIGINT NOT NULL CHECK (version > 0),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  -- Who created it, and their idempotency key.
  created_by TEXT NOT NULL,
  request_id TEXT
);

CREATE UNIQUE INDEX staff_members_by_request ON staff_members (created_by, request_id)
  WHERE request_id IS NOT NULL;

CREATE TABLE staff_roles (
  staff_id TEXT NOT NULL REFERENCES staff_members (id),
  role TEXT NOT NULL CHECK (role IN ('operator', 'contact_centre', 'admin')),
  -- '' for roles not bound to a CPI.
  cpi_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (staff_id, role, cpi_code)
);

CREATE INDEX staff_roles_by_role ON staff_roles (role, cpi_code, staff_id);
CREATE INDEX staff_roles_by_cpi ON staff_roles (cpi_code, staff_id);

-- Every change to the directory: who, what, when.
CREATE TABLE staff_audit (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'disable', 'bootstrap')),
  staff_id TEXT NOT NULL,
  -- Comma-separated names of the changed fields; the version reached.
  changed_fields TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  correlation_id TEXT NOT NULL DEFAULT ''
);

CREATE INDEX staff_audit_by_member ON staff_audit (staff_id, at);
