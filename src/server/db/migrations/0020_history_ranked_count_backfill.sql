-- Rows imported before "of N" was stored: the number of ranked rows of the same province, year and group, where
-- that count is consistent with the stored rank (a partial import keeps "of N" unknown rather than wrong).
UPDATE "historical_results" h SET "ranked_count" = c.n
FROM (
  SELECT "province_id", "year", "group_id", count(*)::int AS n, max("rank") AS top
  FROM "historical_results" WHERE "rank" IS NOT NULL GROUP BY "province_id", "year", "group_id"
) c
WHERE h."province_id" = c."province_id" AND h."year" = c."year" AND h."group_id" = c."group_id"
  AND h."rank" IS NOT NULL AND h."ranked_count" IS NULL AND c.top <= c.n;
