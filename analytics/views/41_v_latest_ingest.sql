-- What the most recent ingest run brought in: its articles and the facts they state.
CREATE OR REPLACE VIEW v_latest_ingest AS
WITH last_run AS (SELECT max(run_id) AS run_id FROM ingest_runs WHERE status <> 'running'),
arts AS (SELECT a.* FROM articles a, last_run WHERE a.run_id = last_run.run_id)
SELECT arts.article_id, arts.title, arts.published, arts.lang, ev.fact_type, ev.fact_id, ev.sentence
FROM arts LEFT JOIN evidence ev USING (article_id);
