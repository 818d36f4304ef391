-- When each fact was first seen: its earliest article's date and its first ingest day (the two ways the weekly
-- report dates "new" facts), and how many articles state it. A narrow companion of v_fact_sources.
CREATE OR REPLACE VIEW v_fact_first_seen AS
SELECT ev.fact_type, ev.fact_id,
       min(a.published) AS first_published,
       CAST(min(a.ingested_at) AS DATE) AS first_ingested,
       count(DISTINCT ev.article_id) AS n_articles
FROM evidence ev JOIN articles a USING (article_id)
GROUP BY ev.fact_type, ev.fact_id;
