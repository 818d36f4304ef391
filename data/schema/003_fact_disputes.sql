-- 003: the values that disagree, one row per field, value and report, for facts whose sources disagree. The
-- writer keeps it current for the facts each batch touches (entities/store.py, `dispute_rows`), so views
-- and pages need not re-read every piece of evidence.
CREATE TABLE fact_disputes (
    fact_type  TEXT NOT NULL,
    fact_id    BIGINT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,  -- as stated; amounts carry their currency ("640000000.0 USD")
    article_id TEXT NOT NULL
);
CREATE INDEX fact_disputes_fact ON fact_disputes (fact_type, fact_id);

-- One-off fill for databases written before this migration, by the rule the writer applies from now on.
INSERT INTO fact_disputes
WITH multi AS (
    SELECT fact_type, fact_id FROM evidence
    WHERE fact_type IN ('funding_rounds', 'valuations', 'acquisitions', 'people')
    GROUP BY ALL HAVING count(*) > 1
),
ev AS (SELECT e.fact_type, e.fact_id, e.article_id, e.record FROM evidence e SEMI JOIN multi USING (fact_type, fact_id)),
fields AS (
    SELECT fact_type, fact_id, article_id, 'amount' AS field,
           json_extract_string(record, '$.amount') || ' ' || coalesce(json_extract_string(record, '$.currency'), '') AS value,
           json_extract(record, '$.amount')::DOUBLE::TEXT AS compared, coalesce(json_extract_string(record, '$.currency'), '') AS bucket
    FROM ev WHERE fact_type = 'funding_rounds'
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'valuation_usd', json_extract_string(record, '$.valuation_usd'),
           json_extract(record, '$.valuation_usd')::DOUBLE::TEXT, ''
    FROM ev WHERE fact_type = 'funding_rounds'
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'date', json_extract_string(record, '$.date'), json_extract_string(record, '$.date'), ''
    FROM ev WHERE fact_type IN ('funding_rounds', 'acquisitions')
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'value_usd', json_extract_string(record, '$.value_usd'),
           json_extract(record, '$.value_usd')::DOUBLE::TEXT, ''
    FROM ev WHERE fact_type = 'valuations'
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'amount_usd', json_extract_string(record, '$.amount_usd'),
           json_extract(record, '$.amount_usd')::DOUBLE::TEXT, ''
    FROM ev WHERE fact_type = 'acquisitions'
    UNION ALL
    SELECT fact_type, fact_id, article_id, 'role', json_extract_string(record, '$.role'), json_extract_string(record, '$.role'), ''
    FROM ev WHERE fact_type = 'people'
),
disputed AS (
    SELECT DISTINCT fact_type, fact_id, field
    FROM fields WHERE compared IS NOT NULL
    GROUP BY fact_type, fact_id, field, bucket
    HAVING CASE WHEN field = 'date'
                THEN count(DISTINCT left(compared, 4)) > 1
                     OR count(DISTINCT left(compared, 7)) FILTER (WHERE length(compared) >= 7) > 1
                ELSE count(DISTINCT compared) > 1 END
)
SELECT f.fact_type, f.fact_id, f.field, f.value, f.article_id
FROM fields f SEMI JOIN disputed USING (fact_type, fact_id, field)
WHERE f.compared IS NOT NULL;
