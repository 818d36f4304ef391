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
-- Values that only differ in precision ("2024-08" and "2024-08-05") or in currency are not disputes:
-- dates compare by year and month, amounts only within one currency.
compared AS (
    SELECT *,
           CASE WHEN field = 'date' THEN left(value, 7)
                WHEN field = 'amount' THEN value END AS strict_value,
           CASE WHEN field = 'amount' THEN split_part(value, ' ', 2) ELSE '' END AS bucket
    FROM fields
),
disputed AS (
    SELECT fact_type, fact_id, field
    FROM compared
    GROUP BY fact_type, fact_id, field, bucket
    HAVING CASE WHEN field = 'date'
                THEN count(DISTINCT left(value, 4)) > 1
                     OR count(DISTINCT strict_value) FILTER (WHERE length(value) >= 7) > 1
                ELSE count(DISTINCT coalesce(strict_value, value)) > 1 END
)
SELECT f.fact_type, f.fact_id, f.field, f.value, count(*) AS sources,
       list(struct_pack(article_id := f.article_id, title := f.title, url := f.url, published := f.published)) AS articles
FROM fields f JOIN (SELECT DISTINCT fact_type, fact_id, field FROM disputed) d USING (fact_type, fact_id, field)
GROUP BY ALL
ORDER BY f.fact_type, f.fact_id, f.field, sources DESC;
