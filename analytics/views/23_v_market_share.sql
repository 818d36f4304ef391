-- Market-share claims, one row per claim and source: claims, not truths.
CREATE OR REPLACE VIEW v_market_share AS
WITH c AS (
    SELECT m.*, (SELECT min(a.published) FROM evidence ev JOIN articles a USING (article_id)
                 WHERE ev.fact_type = 'market_share_claims' AND ev.fact_id = m.fact_id) AS first_reported
    FROM market_share_claims m
)
SELECT fact_id, subject_id, subject, market, share_low, share_high, bound,
       coalesce(share_low, share_high) AS share_point,
       year, period, coalesce(source, 'unattributed') AS source, n_sources, first_reported,
       coalesce(year, year(first_reported)) AS claim_year
FROM c;
