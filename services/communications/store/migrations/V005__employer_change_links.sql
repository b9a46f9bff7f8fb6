-- The relationships a VARDATORI (employer change) moves: the change is a step of each of them,
-- in that relationship's filing order (seq continues the communications' seq). A correction or
-- cancellation of a change is linked to the relationships it re-folds.
CREATE TABLE employer_change_links (
  code TEXT NOT NULL REFERENCES communications (code),
  relationship_id TEXT NOT NULL REFERENCES relationships (id),
  seq INTEGER NOT NULL,
  PRIMARY KEY (code, relationship_id)
);
CREATE INDEX employer_change_links_by_relationship ON employer_change_links (relationship_id, seq);
