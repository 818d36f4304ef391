-- Every piece of evidence with the article it comes from: the proof behind each fact.
CREATE OR REPLACE VIEW v_evidence AS
WITH ev AS (
    SELECT evidence_id, fact_type, fact_id, article_id, sentence, start_char, end_char, extractor, record
    FROM evidence
),
art AS (
    SELECT article_id, title, url, published, lang, source_name, ingested_at FROM articles
)
SELECT ev.*, art.title, art.url, art.published, art.lang, art.source_name, art.ingested_at
FROM ev
LEFT JOIN art USING (article_id);
