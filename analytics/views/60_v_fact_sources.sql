-- Every fact with the articles that state it and when it was first seen: first article date and
-- first ingest date (the two ways the weekly report dates "new" facts), sources oldest first.
CREATE OR REPLACE VIEW v_fact_sources AS
WITH cited AS (
    SELECT DISTINCT ev.fact_type, ev.fact_id, ev.article_id, a.title, a.url, a.published, a.source_name,
           a.ingested_at,
           first_value(ev.sentence) OVER (PARTITION BY ev.fact_type, ev.fact_id, ev.article_id
                                          ORDER BY ev.start_char) AS quote
    FROM evidence ev JOIN articles a USING (article_id)
),
per_fact AS (
    SELECT fact_type, fact_id,
           min(published) AS first_published,
           CAST(min(ingested_at) AS DATE) AS first_ingested,
           count(*) AS n_articles,
           list(struct_pack(article_id := article_id, title := title, url := url, published := published,
                            source_name := source_name, ingested_at := ingested_at, quote := quote)
                ORDER BY published NULLS LAST, ingested_at, article_id) AS sources
    FROM cited
    GROUP BY fact_type, fact_id
)
SELECT fact_type, fact_id, first_published, first_ingested, n_articles, sources
FROM per_fact;
