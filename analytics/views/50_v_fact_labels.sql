-- Every fact as one line of plain English, with the entity it is about and when it happened.
CREATE OR REPLACE VIEW v_fact_labels AS
WITH leads AS (
    SELECT fact_id, string_agg(investor, ', ' ORDER BY investor) AS leads
    FROM round_investors WHERE is_lead
    GROUP BY fact_id
),
rounds AS (
    SELECT 'funding_rounds' AS fact_type, r.fact_id, r.company_id AS subject_id, r.company AS subject,
           r.date_start AS event_date, r.date, r.n_sources, r.amount_usd AS usd, r.valuation_usd AS usd_2,
           r.company
               || CASE r.status WHEN 'in_talks' THEN ' in talks to raise ' WHEN 'reported' THEN ' reportedly raised '
                  ELSE ' raised ' END
               || '{usd}' || coalesce(' ' || r.round, '') || coalesce(', led by ' || l.leads, '')
               || CASE WHEN r.valuation_usd IS NOT NULL THEN ', valued at {usd_2}' ELSE '' END AS template
    FROM funding_rounds r LEFT JOIN leads l USING (fact_id)
),
valued AS (
    SELECT 'valuations', fact_id, company_id, company, date_start, date, n_sources, value_usd, NULL,
           company || ' valued at '
               || CASE bound WHEN 'lower' THEN 'over ' WHEN 'upper' THEN 'up to ' ELSE '' END || '{usd}'
    FROM valuations
),
shares AS (
    SELECT 'market_share_claims', fact_id, subject_id, subject, make_date(year, 1, 1), CAST(year AS VARCHAR),
           n_sources, NULL, NULL,
           subject || ' holds '
               || CASE WHEN bound = 'lower' THEN 'at least ' WHEN bound = 'upper' THEN 'at most ' ELSE '' END
               || printf('%.3g%%', coalesce(share_low, share_high) * 100)
               || CASE WHEN share_high IS NOT NULL AND share_low IS NOT NULL AND share_high <> share_low
                       THEN '–' || printf('%.3g%%', share_high * 100) ELSE '' END
               || ' of ' || coalesce(nullif(trim(market), ''), 'its market')
               || coalesce(' ' || period, '')
               || ', according to ' || coalesce(source, 'an unattributed source')
    FROM market_share_claims
),
made AS (
    SELECT 'products', fact_id, coalesce(maker_id, product_id), coalesce(maker, name), make_date(year, 1, 1),
           NULL, n_sources, NULL, NULL,
           coalesce(maker, 'An unnamed maker') || ' makes ' || name
               || coalesce(' (' || nullif(concat_ws(', ', kind, node, year), '') || ')', '')
    FROM products
),
bought AS (
    SELECT 'acquisitions', fact_id, acquirer_id, acquirer, date_start, date, n_sources, amount_usd, NULL,
           acquirer || CASE status WHEN 'in_talks' THEN ' in talks to acquire ' ELSE ' acquired ' END || target
               || CASE WHEN amount_usd IS NOT NULL THEN ' for {usd}' ELSE '' END
    FROM acquisitions
),
people AS (
    SELECT 'people', fact_id, person_id, person, NULL::DATE, NULL, n_sources, NULL, NULL,
           person || coalesce(', ' || role, '') || coalesce(' at ' || org, '')
    FROM roles
),
partners AS (
    SELECT 'partnerships', fact_id, a_id, a, NULL::DATE, NULL, n_sources, NULL, NULL,
           a || ' partners with ' || b || coalesce(': ' || what, '')
    FROM partnerships
),
totals AS (
    SELECT 'funding_totals', fact_id, company_id, company, date_start, date, n_sources, amount_usd, NULL,
           company || ' has raised ' || CASE bound WHEN 'lower' THEN 'over ' WHEN 'upper' THEN 'up to ' ELSE '' END
               || '{usd} in total'
    FROM funding_totals
),
facts AS (
    SELECT * FROM rounds
    UNION ALL SELECT * FROM valued
    UNION ALL SELECT * FROM shares
    UNION ALL SELECT * FROM made
    UNION ALL SELECT * FROM bought
    UNION ALL SELECT * FROM people
    UNION ALL SELECT * FROM partners
    UNION ALL SELECT * FROM totals
),
money AS (
    SELECT *,
           CASE WHEN usd IS NULL THEN 'an undisclosed amount'
                WHEN usd >= 1e12 THEN printf('$%.3gT', usd / 1e12)
                WHEN usd >= 1e9 THEN printf('$%.3gB', usd / 1e9)
                WHEN usd >= 1e6 THEN printf('$%.3gM', usd / 1e6)
                ELSE printf('$%,.0f', usd) END AS usd_text,
           CASE WHEN usd_2 >= 1e9 THEN printf('$%.3gB', usd_2 / 1e9)
                ELSE printf('$%.3gM', usd_2 / 1e6) END AS usd_2_text
    FROM facts
)
SELECT fact_type, fact_id, subject_id, subject, event_date, date, n_sources,
       replace(replace(template, '{usd}', usd_text), '{usd_2}', coalesce(usd_2_text, ''))
           || coalesce(' (' || date || ')', '') AS label
FROM money;
