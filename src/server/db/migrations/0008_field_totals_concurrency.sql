-- Field totals, faster and safe under concurrency. Each touched (assessment, field) pair is recomputed on its own,
-- with index lookups (not a join the planner cannot estimate), after taking a transaction advisory lock on the pair
-- (pairs in a fixed order: no deadlock). Under READ COMMITTED the recomputation then sees every leaf change committed
-- meanwhile. The row is upserted, never deleted and re-added.
CREATE OR REPLACE FUNCTION parindex_refresh_field_total(a int, t text) RETURNS void AS $$
BEGIN
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
CREATE OR REPLACE FUNCTION parindex_leaf_scores_inserted() RETURNS trigger AS $$
DECLARE k record;
BEGIN
  FOR k IN SELECT DISTINCT assessment_id, top_code FROM new_rows ORDER BY 1, 2 LOOP
    PERFORM parindex_refresh_field_total(k.assessment_id, k.top_code);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_leaf_scores_updated() RETURNS trigger AS $$
DECLARE k record;
BEGIN
  FOR k IN SELECT assessment_id, top_code FROM new_rows UNION SELECT assessment_id, top_code FROM old_rows ORDER BY 1, 2 LOOP
    PERFORM parindex_refresh_field_total(k.assessment_id, k.top_code);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parindex_leaf_scores_deleted() RETURNS trigger AS $$
DECLARE k record;
BEGIN
  FOR k IN SELECT DISTINCT assessment_id, top_code FROM old_rows ORDER BY 1, 2 LOOP
    PERFORM parindex_refresh_field_total(k.assessment_id, k.top_code);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP FUNCTION IF EXISTS parindex_refresh_field_totals(jsonb);
