-- Each investor's portfolio: companies backed, rounds, rounds led, capital in rounds they joined.
CREATE OR REPLACE VIEW v_investor_portfolio AS
WITH joined AS (
    SELECT ri.investor_id, ri.investor, ri.is_lead, r.*
    FROM round_investors ri JOIN v_funding_rounds r USING (fact_id)
)
SELECT investor_id, investor, company_id, company, count(*) AS rounds,
       count(*) FILTER (WHERE is_lead) AS rounds_led,
       sum(amount_usd) AS round_capital_usd, min(event_date) AS first_round, max(event_date) AS last_round,
       list(DISTINCT round) FILTER (WHERE round IS NOT NULL) AS round_labels
FROM joined
GROUP BY investor_id, investor, company_id, company;
