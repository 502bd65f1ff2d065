-- A restore loads every leaf score in one transaction. Maintaining the field totals as the scores arrive takes one
-- advisory lock per (assessment, field) pair until the transaction ends, which exhausts the lock table of a default
-- PostgreSQL (max_locks_per_transaction 64) for a large province, about 10,000 pairs: "out of shared memory".
-- While `parindex.restoring` is 'on' in the restoring transaction the per-pair refresh does nothing; the restore
-- then rebuilds every total in one statement with parindex_rebuild_field_totals() (the same sums, all pairs at once).
CREATE OR REPLACE FUNCTION parindex_refresh_field_total(a int, t text) RETURNS void AS $$
BEGIN
  IF current_setting('parindex.restoring', true) = 'on' THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(a, hashtext(t));
  INSERT INTO assessment_field_totals AS f (assessment_id, top_code, units, na_codes, scored)
  SELECT a, t,
         coalesce(sum(s.effective_units) FILTER (WHERE NOT s.effective_na), 0),
         coalesce(array_agg(s.node_code ORDER BY s.node_code) FILTER (WHERE s.effective_na), '{}'),
         count(s.id)
  FROM leaf_scores s WHERE s.assessment_id = a AND s.top_code = t
  ON CONFLICT (assessment_id, top_code) DO UPDATE
    SET units = EXCLUDED.units, na_codes = EXCLUDED.na_codes, scored = EXCLUDED.scored;
  -- A field whose last leaf row was deleted leaves no row behind.
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
         count(s.id)
  FROM leaf_scores s GROUP BY s.assessment_id, s.top_code;
END;
$$ LANGUAGE plpgsql;
