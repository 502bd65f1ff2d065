-- A leaf's row now outlives its inputs: every write to a leaf (evidence links and explanations included) bumps the
-- row's version, and clearing a score keeps the row (its version keeps growing) instead of deleting it, so a stale
-- version can never match again. A field's `scored` therefore counts the rows that hold an input at some stage or
-- survey points, not every row. The restore guard of 0015 (parindex.restoring) stays, and the one-statement rebuild
-- used after a restore counts the same way.
CREATE OR REPLACE FUNCTION parindex_refresh_field_total(a int, t text) RETURNS void AS $$
BEGIN
  IF current_setting('parindex.restoring', true) = 'on' THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(a, hashtext(t));
  INSERT INTO assessment_field_totals AS f (assessment_id, top_code, units, na_codes, scored)
  SELECT a, t,
         coalesce(sum(s.effective_units) FILTER (WHERE NOT s.effective_na), 0),
         coalesce(array_agg(s.node_code ORDER BY s.node_code) FILTER (WHERE s.effective_na), '{}'),
         count(s.id) FILTER (WHERE s.self_input IS NOT NULL OR s.appraisal1_input IS NOT NULL OR s.final_input IS NOT NULL OR s.survey_points IS NOT NULL)
  FROM leaf_scores s WHERE s.assessment_id = a AND s.top_code = t
  ON CONFLICT (assessment_id, top_code) DO UPDATE
    SET units = EXCLUDED.units, na_codes = EXCLUDED.na_codes, scored = EXCLUDED.scored;
  -- A field without any scored leaf leaves no row behind.
  DELETE FROM assessment_field_totals WHERE assessment_id = a AND top_code = t AND scored = 0;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_rebuild_field_totals() RETURNS void AS $$
BEGIN
  DELETE FROM assessment_field_totals;
  INSERT INTO assessment_field_totals (assessment_id, top_code, units, na_codes, scored)
  SELECT s.assessment_id, s.top_code,
         coalesce(sum(s.effective_units) FILTER (WHERE NOT s.effective_na), 0),
         coalesce(array_agg(s.node_code ORDER BY s.node_code) FILTER (WHERE s.effective_na), '{}'),
         count(s.id) FILTER (WHERE s.self_input IS NOT NULL OR s.appraisal1_input IS NOT NULL OR s.final_input IS NOT NULL OR s.survey_points IS NOT NULL)
  FROM leaf_scores s GROUP BY s.assessment_id, s.top_code
  HAVING count(s.id) FILTER (WHERE s.self_input IS NOT NULL OR s.appraisal1_input IS NOT NULL OR s.final_input IS NOT NULL OR s.survey_points IS NOT NULL) > 0;
END;
$$ LANGUAGE plpgsql;
