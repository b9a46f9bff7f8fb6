-- Bulk uploads (Commax): the file, its processing state and the per-record report. A record's
-- report row and its filing commit in one transaction, so a resumed upload never files a record
-- twice nor loses one.
CREATE TABLE bulk_uploads (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_by_role TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  verify_only INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'processing', 'done', 'failed')),
  records_total BIGINT NOT NULL,
  records_done BIGINT NOT NULL,
  accepted BIGINT NOT NULL,
  refused BIGINT NOT NULL,
  with_warnings BIGINT NOT NULL,
  error TEXT NOT NULL,
  -- The worker holding it, until when (renewed with every batch).
  lease_owner TEXT NOT NULL,
  lease_until BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX bulk_uploads_file ON bulk_uploads (company, sha256, verify_only);
CREATE INDEX bulk_uploads_by_company ON bulk_uploads (company, created_at);
CREATE INDEX bulk_uploads_pending ON bulk_uploads (state, created_at);

-- The uploaded file, base64.
CREATE TABLE bulk_files (
  upload_id TEXT PRIMARY KEY REFERENCES bulk_uploads (id),
  content TEXT NOT NULL
);

CREATE TABLE bulk_records (
  upload_id TEXT NOT NULL REFERENCES bulk_uploads (id),
  idx BIGINT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused', 'acceptable')),
  code TEXT NOT NULL,
  -- Comma-separated rule codes of the errors (refused) and of the warnings.
  errors TEXT NOT NULL,
  warnings TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (upload_id, idx)
);
