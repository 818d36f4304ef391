-- Valuations over time with company details; the latest per company is flagged.
CREATE OR REPLACE VIEW v_valuations AS
WITH v AS (
    SELECT v.*, e.type AS company_type, e.country AS company_country,
           coalesce(v.date_start, (SELECT min(a.published) FROM evidence ev JOIN articles a USING (article_id)
                                   WHERE ev.fact_type = 'valuations' AND ev.fact_id = v.fact_id)) AS event_date
    FROM valuations v LEFT JOIN entities e ON e.entity_id = v.company_id
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY company_id ORDER BY event_date DESC NULLS LAST, value_usd DESC) AS recency
    FROM v
)
SELECT fact_id, company_id, company, company_type, company_country, value_usd, value, currency, date,
       event_date, bound, n_sources, recency = 1 AS is_latest
FROM ranked;
