-- Funding rounds with company details, investors (leads first) and how many articles report them.
CREATE OR REPLACE VIEW v_funding_rounds AS
WITH inv AS (
    SELECT fact_id,
           list(investor ORDER BY is_lead DESC, investor) AS investors,
           list(investor ORDER BY investor) FILTER (WHERE is_lead) AS lead_investors
    FROM round_investors
    GROUP BY fact_id
),
first_seen AS (
    SELECT e.fact_id, min(a.published) AS first_reported, max(a.ingested_at) AS last_ingested
    FROM evidence e JOIN articles a USING (article_id)
    WHERE e.fact_type = 'funding_rounds'
    GROUP BY e.fact_id
)
SELECT r.fact_id, r.company_id, r.company, ent.type AS company_type, ent.country AS company_country,
       r.amount, r.amount_high, r.currency, r.amount_usd, r.round, r.date, r.date_start,
       coalesce(r.date_start, fs.first_reported) AS event_date,
       strftime(coalesce(r.date_start, fs.first_reported), '%Y') || '-Q' ||
           CAST(quarter(coalesce(r.date_start, fs.first_reported)) AS VARCHAR) AS quarter,
       r.valuation_usd, r.status, r.n_sources,
       coalesce(inv.lead_investors, []) AS lead_investors, coalesce(inv.investors, []) AS investors,
       fs.first_reported, fs.last_ingested
FROM funding_rounds r
LEFT JOIN entities ent ON ent.entity_id = r.company_id
LEFT JOIN inv USING (fact_id)
LEFT JOIN first_seen fs USING (fact_id);
