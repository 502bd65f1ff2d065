ALTER TABLE "leaf_scores" ADD COLUMN "effective_units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "effective_na" boolean DEFAULT false NOT NULL;