-- Pairs of investors that appear in the same rounds.
CREATE OR REPLACE VIEW v_co_investors AS
WITH pairs AS (
    SELECT a.investor_id AS investor_a_id, a.investor AS investor_a,
           b.investor_id AS investor_b_id, b.investor AS investor_b, a.fact_id
    FROM round_investors a JOIN round_investors b ON a.fact_id = b.fact_id AND a.investor_id < b.investor_id
)
SELECT investor_a_id, investor_a, investor_b_id, investor_b, count(*) AS shared_rounds,
       list(DISTINCT r.company) AS companies
FROM pairs JOIN funding_rounds r USING (fact_id)
GROUP BY ALL;
