-- Derived edges: makers of products of the same kind compete (GPU makers with GPU makers...).
CREATE OR REPLACE VIEW v_competes_with AS
WITH made AS (
    SELECT DISTINCT maker_id, maker, kind FROM product_catalog
    WHERE maker_id IS NOT NULL AND kind NOT IN ('architecture', 'software', 'cloud_service', 'memory', 'DRAM')
    UNION
    SELECT DISTINCT maker_id, maker, kind FROM products WHERE maker_id IS NOT NULL AND kind IS NOT NULL
)
SELECT a.maker_id AS src_id, a.maker AS src, b.maker_id AS dst_id, b.maker AS dst,
       'competes_with' AS relation, list(DISTINCT a.kind ORDER BY a.kind) AS kinds
FROM made a JOIN made b ON a.kind = b.kind AND a.maker_id <> b.maker_id
GROUP BY ALL;
