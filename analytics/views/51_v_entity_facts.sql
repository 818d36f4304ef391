-- Every fact each entity takes part in, in which role (company, investor, maker, acquirer...), and whether
-- its sources disagree (fact_disputes; the values are in v_fact_conflicts).
CREATE OR REPLACE VIEW v_entity_facts AS
WITH disputed AS (
    SELECT DISTINCT fact_type, fact_id FROM fact_disputes
)
SELECT p.entity_id, e.name AS entity, p.role, p.fact_type, p.fact_id, l.label, l.event_date, l.date, l.n_sources,
       d.fact_id IS NOT NULL AS disputed
FROM v_fact_parties p
JOIN entities e ON e.entity_id = p.entity_id
JOIN v_fact_labels l USING (fact_type, fact_id)
LEFT JOIN disputed d USING (fact_type, fact_id);
