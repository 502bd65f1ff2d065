-- assessment_field_totals is derived from leaf_scores: after every statement that writes leaf_scores, the
-- (assessment, field) pairs it touched are recomputed from the leaf rows. Statement-level triggers with transition
-- tables keep bulk writes (seeding, imports, restore) to one recomputation per pair.
CREATE OR REPLACE FUNCTION parindex_refresh_field_totals(keys jsonb) RETURNS void AS $$
BEGIN
  DELETE FROM assessment_field_totals t
  USING jsonb_to_recordset(keys) AS k(assessment_id int, top_code text)
  WHERE t.assessment_id = k.assessment_id AND t.top_code = k.top_code;
  INSERT INTO assessment_field_totals (assessment_id, top_code, units, na_codes, scored)
  SELECT s.assessment_id, s.top_code,
         coalesce(sum(s.effective_units) FILTER (WHERE NOT s.effective_na), 0),
         coalesce(array_agg(s.node_code ORDER BY s.node_code) FILTER (WHERE s.effective_na), '{}'),
         count(*)
  FROM leaf_scores s
  JOIN (SELECT DISTINCT assessment_id, top_code FROM jsonb_to_recordset(keys) AS k(assessment_id int, top_code text)) k
    ON k.assessment_id = s.assessment_id AND k.top_code = s.top_code
  GROUP BY s.assessment_id, s.top_code;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_leaf_scores_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM parindex_refresh_field_totals((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('assessment_id', assessment_id, 'top_code', top_code)), '[]') FROM new_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_leaf_scores_updated() RETURNS trigger AS $$
BEGIN
  PERFORM parindex_refresh_field_totals((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('assessment_id', assessment_id, 'top_code', top_code)), '[]')
    FROM (SELECT assessment_id, top_code FROM new_rows UNION SELECT assessment_id, top_code FROM old_rows) k));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_leaf_scores_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM parindex_refresh_field_totals((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('assessment_id', assessment_id, 'top_code', top_code)), '[]') FROM old_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER leaf_scores_totals_ins AFTER INSERT ON leaf_scores REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parindex_leaf_scores_inserted();
--> statement-breakpoint
CREATE TRIGGER leaf_scores_totals_upd AFTER UPDATE ON leaf_scores REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parindex_leaf_scores_updated();
--> statement-breakpoint
CREATE TRIGGER leaf_scores_totals_del AFTER DELETE ON leaf_scores REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parindex_leaf_scores_deleted();
--> statement-breakpoint
-- Existing scores (databases migrated before this table existed).
SELECT parindex_refresh_field_totals((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('assessment_id', assessment_id, 'top_code', top_code)), '[]') FROM leaf_scores));
