-- One row per entity: what it is, how often it is named and how many facts involve it.
CREATE OR REPLACE VIEW v_entity_summary AS
WITH mentions_n AS (
    SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions GROUP BY entity_id
),
-- partnerships appear in `edges` in both directions: count each fact once per entity
ends AS (
    SELECT src_id AS entity_id, relation, fact_id FROM edges
    UNION
    SELECT dst_id, relation, fact_id FROM edges
),
facts_total AS (SELECT entity_id, count(*) AS edges FROM ends GROUP BY entity_id),
aliases_n AS (
    SELECT entity_id, list(alias ORDER BY alias) AS aliases FROM entity_aliases GROUP BY entity_id
)
SELECT e.entity_id, e.name, e.kind, e.type, e.country, e.ticker, e.parent, e.verified, e.origin,
       coalesce(m.mentions, 0) AS mentions, coalesce(m.articles, 0) AS articles,
       coalesce(f.edges, 0) AS edges, coalesce(a.aliases, []) AS aliases
FROM entities e
LEFT JOIN mentions_n m USING (entity_id)
LEFT JOIN facts_total f USING (entity_id)
LEFT JOIN aliases_n a USING (entity_id);
