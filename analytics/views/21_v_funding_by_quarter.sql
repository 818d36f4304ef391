-- Capital raised per quarter (closed and reported rounds; talks are not money raised yet).
CREATE OR REPLACE VIEW v_funding_by_quarter AS
WITH rounds AS (
    SELECT quarter, event_date, amount_usd, company
    FROM v_funding_rounds
    WHERE status <> 'in_talks' AND event_date IS NOT NULL
)
SELECT quarter, min(event_date) AS quarter_start, count(*) AS rounds,
       count(DISTINCT company) AS companies, sum(amount_usd) AS capital_usd
FROM rounds
GROUP BY quarter
ORDER BY quarter_start;
