-- Facts whose sources disagree: each distinct value with the articles that state it. The writer keeps the
-- disagreeing values in fact_disputes; this view groups them and names the articles.
-- `fact_conflicts_for(entity_id)` narrows to the facts one entity takes part in (NULL: every fact).
CREATE OR REPLACE MACRO fact_conflicts_for(entity) AS TABLE
WITH wanted AS (
    SELECT * FROM fact_disputes WHERE entity IS NULL
    UNION ALL
    SELECT d.* FROM fact_disputes d
    SEMI JOIN (SELECT fact_type, fact_id FROM v_fact_parties WHERE entity_id = entity) p USING (fact_type, fact_id)
)
SELECT w.fact_type, w.fact_id, w.field, w.value, count(*) AS sources,
       list(struct_pack(article_id := a.article_id, title := a.title, url := a.url, published := a.published)
            ORDER BY a.published, a.article_id) AS articles
FROM wanted w LEFT JOIN articles a USING (article_id)
GROUP BY w.fact_type, w.fact_id, w.field, w.value;

CREATE OR REPLACE VIEW v_fact_conflicts AS
SELECT * FROM fact_conflicts_for(NULL)
ORDER BY fact_type, fact_id, field, sources DESC;
