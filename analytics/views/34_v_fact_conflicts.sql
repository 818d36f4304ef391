-- Facts whose sources disagree: each distinct value with the articles that state it.
CREATE OR REPLACE VIEW v_fact_conflicts AS
-- Only a fact stated by two or more articles can be disputed; skipping the rest keeps JSON parsing small.
WITH multi AS (
    SELECT fact_type, fact_id
    FROM evidence
    WHERE fact_type IN ('funding_rounds', 'valuations', 'acquisitions', 'people')
    GROUP BY fact_type, fact_id
    HAVING count(*) > 1
),
ev AS (
    SELECT e.fact_type, e.fact_id, e.article_id, e.record
    FROM evidence e SEMI JOIN multi USING (fact_type, fact_id)
),
fields AS (
    SELECT fact_type, fact_id, article_id, 'amount' AS field,
           json_extract_string(record, '$.amount') || ' ' || coalesce(json_extract_string(record, '$.currency'), '') AS value
    FROM ev WHERE fact_type = 'funding_rounds' AND json_extract_string(record, '$.amount') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'valuation_usd', json_extract_string(record, '$.valuation_usd')
    FROM ev WHERE fact_type = 'funding_rounds' AND json_extract_string(record, '$.valuation_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'date', json_extract_string(record, '$.date')
    FROM ev WHERE fact_type IN ('funding_rounds', 'acquisitions') AND json_extract_string(record, '$.date') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'value_usd', json_extract_string(record, '$.value_usd')
    FROM ev WHERE fact_type = 'valuations' AND json_extract_string(record, '$.value_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'amount_usd', json_extract_string(record, '$.amount_usd')
    FROM ev WHERE fact_type = 'acquisitions' AND json_extract_string(record, '$.amount_usd') IS NOT NULL
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'role', json_extract_string(record, '$.role')
    FROM ev WHERE fact_type = 'people'
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
    SELECT DISTINCT fact_type, fact_id, field
    FROM compared
    GROUP BY fact_type, fact_id, field, bucket
    HAVING CASE WHEN field = 'date'
                THEN count(DISTINCT left(value, 4)) > 1
                     OR count(DISTINCT strict_value) FILTER (WHERE length(value) >= 7) > 1
                ELSE count(DISTINCT coalesce(strict_value, value)) > 1 END
),
cited AS (
    SELECT f.fact_type, f.fact_id, f.field, f.value, a.article_id, a.title, a.url, a.published
    FROM fields f
    JOIN disputed d USING (fact_type, fact_id, field)
    LEFT JOIN articles a USING (article_id)
)
SELECT fact_type, fact_id, field, value, count(*) AS sources,
       list(struct_pack(article_id := article_id, title := title, url := url, published := published)) AS articles
FROM cited
GROUP BY ALL
ORDER BY fact_type, fact_id, field, sources DESC;
