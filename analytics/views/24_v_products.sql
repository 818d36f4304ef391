-- The chip catalogue (gazetteer) with how often each product is reported, plus products only found in text.
CREATE OR REPLACE VIEW v_products AS
WITH reported AS (
    SELECT name, maker, count(*) AS facts, sum(n_sources) AS mentions
    FROM products GROUP BY name, maker
),
catalogue AS (
    SELECT name, maker, kind, family, node, year, TRUE AS in_catalogue FROM product_catalog
),
text_only AS (
    SELECT p.name, p.maker, p.kind, NULL AS family, p.node, p.year, FALSE AS in_catalogue
    FROM products p
    WHERE NOT EXISTS (SELECT 1 FROM product_catalog c WHERE c.name = p.name AND c.maker IS NOT DISTINCT FROM p.maker)
)
SELECT c.*, coalesce(r.mentions, 0) AS mentions
FROM (SELECT * FROM catalogue UNION ALL SELECT DISTINCT * FROM text_only) c
LEFT JOIN reported r ON r.name = c.name AND r.maker IS NOT DISTINCT FROM c.maker;
