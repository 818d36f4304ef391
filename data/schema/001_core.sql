-- 001: articles, entities, facts and the evidence that ties every fact to the sentences that state it.

CREATE SEQUENCE IF NOT EXISTS entity_ids START 1;
CREATE SEQUENCE IF NOT EXISTS fact_ids START 1;
CREATE SEQUENCE IF NOT EXISTS evidence_ids START 1;
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;

CREATE TABLE ingest_runs (
    run_id            INTEGER PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    command           TEXT,
    paths             TEXT,
    status            TEXT NOT NULL DEFAULT 'running',  -- running | ok | partial | failed
    articles_new      INTEGER DEFAULT 0,
    articles_changed  INTEGER DEFAULT 0,
    articles_unchanged INTEGER DEFAULT 0,
    articles_failed   INTEGER DEFAULT 0,
    facts_added       JSON,
    extractor_version TEXT
);

CREATE TABLE ingest_errors (
    run_id   INTEGER NOT NULL,
    path     TEXT NOT NULL,
    reason   TEXT NOT NULL,
    fatal    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE articles (
    article_id        TEXT PRIMARY KEY,   -- derived from the normalised content
    content_hash      TEXT NOT NULL,
    title             TEXT,
    url               TEXT,
    published         DATE,
    lang              TEXT NOT NULL,      -- en | zh
    script            TEXT,               -- simplified | traditional (zh only)
    author            TEXT,
    source_name       TEXT,
    source_format     TEXT,
    encoding          TEXT,
    text              TEXT NOT NULL,
    n_chars           INTEGER,
    ingested_at       TIMESTAMP NOT NULL,
    run_id            INTEGER,
    extractor_version TEXT
);

-- Every place an article was read from (a file, a line of a JSONL file, a feed item, a URL).
CREATE TABLE article_sources (
    source_key   TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    source_path  TEXT,
    url          TEXT,
    first_seen   TIMESTAMP NOT NULL
);

CREATE TABLE entities (
    entity_id  INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,           -- canonical English name (unique per kind)
    kind       TEXT NOT NULL,           -- org | person | product
    type       TEXT NOT NULL,           -- chip_designer, vc, research_firm, ... | person | GPU, ASIC, ...
    country    TEXT,
    ticker     TEXT,
    parent     TEXT,
    verified   BOOLEAN NOT NULL,        -- false: found in text, named by no list yet
    origin     TEXT NOT NULL,           -- gazetteer | extracted | curation
    created_at TIMESTAMP NOT NULL,
    UNIQUE (kind, name)
);

-- The gazetteer's chip catalogue: what each product is, whoever reports on it.
CREATE TABLE product_catalog (
    product_id INTEGER PRIMARY KEY,     -- entities.entity_id (kind = 'product')
    name       TEXT NOT NULL,
    maker_id   INTEGER,
    maker      TEXT,
    kind       TEXT,
    family     TEXT,
    node       TEXT,
    year       INTEGER
);

CREATE TABLE entity_aliases (
    entity_id  INTEGER NOT NULL,
    alias      TEXT NOT NULL,
    alias_norm TEXT NOT NULL,           -- folded: simplified, half-width, lower case
    script     TEXT,                    -- latin | simplified | traditional
    origin     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias_norm)
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);

CREATE TABLE funding_rounds (
    fact_id       INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL,
    company       TEXT NOT NULL,
    amount        DOUBLE,
    amount_high   DOUBLE,
    currency      TEXT,
    amount_usd    DOUBLE,
    round         TEXT,
    date          TEXT,                 -- YYYY | YYYY-MM | YYYY-MM-DD as stated
    date_start    DATE,                 -- first day of that period, for sorting and bucketing
    valuation_usd DOUBLE,
    status        TEXT NOT NULL,        -- closed | reported | in_talks
    n_sources     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE round_investors (
    fact_id     INTEGER NOT NULL,       -- funding_rounds.fact_id
    investor_id INTEGER NOT NULL,
    investor    TEXT NOT NULL,
    is_lead     BOOLEAN NOT NULL,
    PRIMARY KEY (fact_id, investor_id)
);

CREATE TABLE valuations (
    fact_id    INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    company    TEXT NOT NULL,
    value_usd  DOUBLE,
    value      DOUBLE,
    currency   TEXT,
    date       TEXT,
    date_start DATE,
    bound      TEXT,
    n_sources  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE market_share_claims (
    fact_id    INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL,
    subject    TEXT NOT NULL,
    market     TEXT,
    share_low  DOUBLE,
    share_high DOUBLE,
    bound      TEXT,                    -- lower | upper | null
    year       INTEGER,
    period     TEXT,
    source_id  INTEGER,
    source     TEXT,                    -- who says so (research firm, bank, executive)
    n_sources  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE products (
    fact_id    INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL,        -- entities.entity_id of the product
    name       TEXT NOT NULL,
    maker_id   INTEGER,
    maker      TEXT,
    kind       TEXT,
    node       TEXT,
    year       INTEGER,
    n_sources  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE acquisitions (
    fact_id     INTEGER PRIMARY KEY,
    acquirer_id INTEGER NOT NULL,
    acquirer    TEXT NOT NULL,
    target_id   INTEGER NOT NULL,
    target      TEXT NOT NULL,
    amount_usd  DOUBLE,
    amount      DOUBLE,
    currency    TEXT,
    date        TEXT,
    date_start  DATE,
    status      TEXT NOT NULL,
    n_sources   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE roles (
    fact_id   INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL,
    person    TEXT NOT NULL,
    role      TEXT,
    org_id    INTEGER,
    org       TEXT,
    n_sources INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE partnerships (
    fact_id   INTEGER PRIMARY KEY,
    a_id      INTEGER NOT NULL,
    a         TEXT NOT NULL,
    b_id      INTEGER NOT NULL,
    b         TEXT NOT NULL,
    what      TEXT,
    n_sources INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE funding_totals (
    fact_id    INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    company    TEXT NOT NULL,
    amount_usd DOUBLE,
    amount     DOUBLE,
    currency   TEXT,
    bound      TEXT,
    date       TEXT,
    date_start DATE,
    n_sources  INTEGER NOT NULL DEFAULT 1
);

-- One row per (fact, article sentence) that states it; `record` keeps what that article said,
-- so disagreeing sources stay visible when the fact row shows the best-supported values.
CREATE TABLE evidence (
    evidence_id INTEGER PRIMARY KEY,
    fact_type   TEXT NOT NULL,          -- funding_rounds | valuations | market_share_claims | ...
    fact_id     INTEGER NOT NULL,
    article_id  TEXT NOT NULL,
    sentence    TEXT NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    extractor   TEXT NOT NULL,          -- name@version
    record      JSON NOT NULL
);

CREATE INDEX evidence_fact ON evidence (fact_type, fact_id);
CREATE INDEX evidence_article ON evidence (article_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id);
