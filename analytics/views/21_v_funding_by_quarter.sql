-- Capital raised per quarter (closed and reported rounds; talks are not money raised yet).
CREATE OR REPLACE VIEW v_funding_by_quarter AS
WITH rounds AS (
    SELECT quarter, CAST(date_trunc('quarter', event_date) AS DATE) AS quarter_start, amount_usd, company
    FROM v_funding_rounds
    WHERE status <> 'in_talks' AND event_date IS NOT NULL
)
SELECT quarter, quarter_start, count(*) AS rounds, count(DISTINCT company) AS companies,
       sum(amount_usd) AS capital_usd
FROM rounds
GROUP BY quarter, quarter_start
ORDER BY quarter_start;
