-- Each valuation beside the previous valuation of the same company (the latest one dated strictly
-- earlier; ties go to the better-supported figure) and the relative move between the two.
CREATE OR REPLACE VIEW v_valuation_moves AS
WITH vals AS (
    SELECT fact_id, company_id, company, value_usd, value, currency, date, event_date, bound, n_sources
    FROM v_valuations
    WHERE value_usd IS NOT NULL
),
earlier AS (
    SELECT cur.fact_id, prev.fact_id AS previous_fact_id, prev.value_usd AS previous_usd,
           prev.event_date AS previous_date,
           row_number() OVER (PARTITION BY cur.fact_id
                              ORDER BY prev.event_date DESC, prev.n_sources DESC, prev.fact_id DESC) AS rank
    FROM vals cur JOIN vals prev
      ON prev.company_id = cur.company_id AND prev.event_date < cur.event_date
),
previous AS (
    SELECT fact_id, previous_fact_id, previous_usd, previous_date FROM earlier WHERE rank = 1
)
SELECT v.fact_id, v.company_id, v.company, v.value_usd, v.value, v.currency, v.date, v.event_date, v.bound,
       v.n_sources, p.previous_fact_id, p.previous_usd, p.previous_date,
       v.value_usd / p.previous_usd - 1 AS change
FROM vals v
LEFT JOIN previous p USING (fact_id);
