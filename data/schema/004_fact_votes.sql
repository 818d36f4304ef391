-- 004: vote tallies of the values each fact's reports state (entities/tallies.py), so that storing one more
-- report of a much-reported fact does not re-read all of its evidence. A fact without rows here (a database
-- written before this migration, or a fact that just lost a report) is tallied from its evidence when the
-- writer next touches it.
CREATE TABLE fact_votes (
    fact_type  TEXT NOT NULL,
    fact_id    BIGINT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,     -- the stated value as JSON
    votes      INTEGER NOT NULL,  -- how many reports state it
    latest     DATE,              -- the latest article date among them
    first_seen BIGINT NOT NULL,   -- evidence order of its first report (keeps investor lists in order)
    PRIMARY KEY (fact_type, fact_id, field, value)
);
