-- The audit may also record seeded members removed at start (the development IdP's demo staff
-- once development mode is off). SQLite cannot change a CHECK in place: the table is rebuilt.
CREATE TABLE staff_audit_new (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL
    CHECK (action IN ('create', 'update', 'disable', 'bootstrap', 'remove_seeded')),
  staff_id TEXT NOT NULL,
  changed_fields TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  correlation_id TEXT NOT NULL DEFAULT ''
);
INSERT INTO staff_audit_new (id, at, actor, actor_role, action, staff_id, changed_fields, version,
                             correlation_id)
  SELECT id, at, actor, actor_role, action, staff_id, changed_fields, version, correlation_id
  FROM staff_audit;
DROP TABLE staff_audit;
ALTER TABLE staff_audit_new RENAME TO staff_audit;
CREATE INDEX staff_audit_by_member ON staff_audit (staff_id, at);
