-- Facts whose sources disagree: each distinct value with the articles that state it.
CREATE OR REPLACE VIEW v_fact_conflicts AS
WITH fields AS (
    SELECT fact_type, fact_id, article_id, title, url, published, 'amount' AS field,
           json_extract_string(record, '$.amount') || ' ' || coalesce(json_extract_string(record, '$.currency'), '') AS value
    FROM v_evidence WHERE fact_type = 'funding_rounds' AND json_extract_string(record, '$.amount') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, title, url, published, 'valuation_usd',
           json_extract_string(record, '$.valuation_usd')
    FROM v_evidence WHERE fact_type = 'funding_rounds' AND json_extract_string(record, '$.valuation_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, title, url, published, 'date', json_extract_string(record, '$.date')
    FROM v_evidence WHERE fact_type IN ('funding_rounds', 'acquisitions') AND json_extract_string(record, '$.date') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, title, url, published, 'value_usd', json_extract_string(record, '$.value_usd')
    FROM v_evidence WHERE fact_type = 'valuations' AND json_extract_string(record, '$.value_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, title, url, published, 'amount_usd', json_extract_string(record, '$.amount_usd')
    FROM v_evidence WHERE fact_type = 'acquisitions' AND json_extract_string(record, '$.amount_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, title, url, published, 'role', json_extract_string(record, '$.role')
    FROM v_evidence WHERE fact_type = 'people'
),
disputed AS (
    SELECT fact_type, fact_id, field FROM fields GROUP BY ALL HAVING count(DISTINCT value) > 1
)
SELECT f.fact_type, f.fact_id, f.field, f.value, count(*) AS sources,
       list(struct_pack(article_id := f.article_id, title := f.title, url := f.url, published := f.published)) AS articles
FROM fields f JOIN disputed d USING (fact_type, fact_id, field)
GROUP BY ALL
ORDER BY f.fact_type, f.fact_id, f.field, sources DESC;
