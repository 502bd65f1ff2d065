-- A restore loads every leaf score in one transaction. Maintaining the field totals as the scores arrive takes one
-- advisory lock per (assessment, field) pair until the transaction ends, which exhausts the lock table of a default
-- PostgreSQL (max_locks_per_transaction 64) for a large province, about 10,000 pairs: "out of shared memory".
-- While `parindex.restoring` is 'on' in the restoring transaction the leaf-score triggers do nothing; the restore
-- then rebuilds every total in one statement with parindex_rebuild_field_totals() (the sums of
-- parindex_refresh_field_total, for all pairs at once).
CREATE OR REPLACE FUNCTION parindex_leaf_scores_inserted() RETURNS trigger AS $$
DECLARE k record;
BEGIN
  IF current_setting('parindex.restoring', true) = 'on' THEN RETURN NULL; END IF;
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
  IF current_setting('parindex.restoring', true) = 'on' THEN RETURN NULL; END IF;
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
  IF current_setting('parindex.restoring', true) = 'on' THEN RETURN NULL; END IF;
  FOR k IN SELECT DISTINCT assessment_id, top_code FROM old_rows ORDER BY 1, 2 LOOP
    PERFORM parindex_refresh_field_total(k.assessment_id, k.top_code);
  END LOOP;
  RETURN NULL;
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
