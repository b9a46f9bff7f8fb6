-- The audit also records administrators' reads of the directory ('read' of one member, 'list'
-- with its filter) and other staff's refused attempts ('read_denied', 'list_denied'), each with
-- the reason the caller gave (access_reason; NULL for changes) and, for lists and refusals, a
-- summary without personal data (detail). SQLite cannot change a CHECK in place: the table is
-- rebuilt as in V002 (portable SQL: runs on PostgreSQL 15 and SQLite), keeping every row.
CREATE TABLE staff_audit_v3 (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL
    CHECK (action IN ('create', 'update', 'disable', 'bootstrap', 'remove_seeded', 'read',
                      'list', 'read_denied', 'list_denied')),
  -- '' for lists, and for refused reads of something that is not a member id.
  staff_id TEXT NOT NULL,
  changed_fields TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  correlation_id TEXT NOT NULL DEFAULT '',
  access_reason TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
INSERT INTO staff_audit_v3 (id, at, actor, actor_role, action, staff_id, changed_fields, version,
                            correlation_id)
  SELECT id, at, actor, actor_role, action, staff_id, changed_fields, version, correlation_id
  FROM staff_audit;
DROP TABLE staff_audit;
ALTER TABLE staff_audit_v3 RENAME TO staff_audit;
CREATE INDEX staff_audit_by_member ON staff_audit (staff_id, at);
CREATE INDEX staff_audit_by_actor ON staff_audit (actor, at);
