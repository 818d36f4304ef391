-- The entity graph as one edge list: investor -> company, maker -> product, acquirer -> target,
-- person -> organisation, foundry -> customer, supplier -> customer, partners (both directions), with the
-- fact behind each edge.
CREATE OR REPLACE VIEW edges AS
WITH invested AS (
    SELECT ri.investor_id AS src_id, ri.investor AS src, 'org' AS src_kind,
           r.company_id AS dst_id, r.company AS dst, 'org' AS dst_kind,
           'invested_in' AS relation,
           CASE WHEN ri.is_lead THEN 'lead' ELSE 'participant' END ||
               coalesce(' · ' || r.round, '') || coalesce(' · ' || r.date, '') AS detail,
           'funding_rounds' AS fact_type, r.fact_id, r.n_sources
    FROM round_investors ri JOIN funding_rounds r USING (fact_id)
),
makes AS (
    SELECT maker_id, maker, 'org', product_id, name, 'product', 'makes', kind, 'products', fact_id, n_sources
    FROM products WHERE maker_id IS NOT NULL
),
acquired AS (
    SELECT acquirer_id, acquirer, 'org', target_id, target, 'org', 'acquired',
           status || coalesce(' · ' || date, ''), 'acquisitions', fact_id, n_sources
    FROM acquisitions
),
role_at AS (
    SELECT person_id, person, 'person', org_id, org, 'org', 'role_at', role, 'people', fact_id, n_sources
    FROM roles WHERE org_id IS NOT NULL
),
-- foundry and supply deals are directed (provider -> customer); other partnerships go both ways
partners AS (
    SELECT a_id, a, 'org', b_id, b, 'org',
           CASE what WHEN 'foundry' THEN 'foundry_for' WHEN 'supply' THEN 'supplies' ELSE 'partner_of' END,
           what, 'partnerships', fact_id, n_sources
    FROM partnerships
    UNION ALL
    SELECT b_id, b, 'org', a_id, a, 'org', 'partner_of', what, 'partnerships', fact_id, n_sources
    FROM partnerships WHERE what IS NULL OR what NOT IN ('foundry', 'supply')
)
SELECT * FROM invested
UNION ALL SELECT * FROM makes
UNION ALL SELECT * FROM acquired
UNION ALL SELECT * FROM role_at
UNION ALL SELECT * FROM partners;
