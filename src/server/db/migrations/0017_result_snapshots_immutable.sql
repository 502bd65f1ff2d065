-- Published results cannot be changed quietly: like the audit log, result snapshots refuse UPDATE, DELETE and
-- TRUNCATE for every role. A correction is a new revision (INSERT). Only the tables' owner can disable these
-- triggers, and the application does not connect as the owner (docs/operations.md, "Database roles").
CREATE OR REPLACE FUNCTION parindex_snapshots_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'result_snapshots are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER result_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON result_snapshots
  FOR EACH ROW EXECUTE FUNCTION parindex_snapshots_immutable();
--> statement-breakpoint
CREATE TRIGGER result_snapshots_no_truncate BEFORE TRUNCATE ON result_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION parindex_snapshots_immutable();
