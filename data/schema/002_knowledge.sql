-- 002: which knowledge (gazetteer, lexicons, curation, extractor versions) extracted each article, so a
-- change to that knowledge can re-extract exactly the articles it may affect.
ALTER TABLE articles ADD COLUMN knowledge TEXT;
ALTER TABLE ingest_runs ADD COLUMN knowledge TEXT;

-- The spellings each gazetteer version knew, so that a later version's new spellings can be listed.
CREATE TABLE gazetteer_versions (
    fingerprint TEXT PRIMARY KEY,
    spellings   TEXT[] NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
