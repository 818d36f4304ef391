-- Who takes part in each fact, and as what: company, lead investor, maker, acquirer, person, partner...
CREATE OR REPLACE VIEW v_fact_parties AS
SELECT company_id AS entity_id, 'company' AS role, 'funding_rounds' AS fact_type, fact_id FROM funding_rounds
UNION ALL
SELECT investor_id, CASE WHEN is_lead THEN 'lead investor' ELSE 'investor' END, 'funding_rounds', fact_id
FROM round_investors
UNION ALL SELECT company_id, 'company', 'valuations', fact_id FROM valuations
UNION ALL SELECT company_id, 'company', 'funding_totals', fact_id FROM funding_totals
UNION ALL SELECT subject_id, 'subject', 'market_share_claims', fact_id FROM market_share_claims
UNION ALL
SELECT source_id, 'source', 'market_share_claims', fact_id FROM market_share_claims WHERE source_id IS NOT NULL
UNION ALL SELECT product_id, 'product', 'products', fact_id FROM products
UNION ALL SELECT maker_id, 'maker', 'products', fact_id FROM products WHERE maker_id IS NOT NULL
UNION ALL SELECT acquirer_id, 'acquirer', 'acquisitions', fact_id FROM acquisitions
UNION ALL SELECT target_id, 'target', 'acquisitions', fact_id FROM acquisitions
UNION ALL SELECT person_id, 'person', 'people', fact_id FROM roles
UNION ALL SELECT org_id, 'organisation', 'people', fact_id FROM roles WHERE org_id IS NOT NULL
UNION ALL SELECT a_id, 'partner', 'partnerships', fact_id FROM partnerships
UNION ALL SELECT b_id, 'partner', 'partnerships', fact_id FROM partnerships WHERE b_id <> a_id;
