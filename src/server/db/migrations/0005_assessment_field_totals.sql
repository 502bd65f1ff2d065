CREATE TABLE "assessment_field_totals" (
	"assessment_id" integer NOT NULL,
	"top_code" text NOT NULL,
	"units" bigint DEFAULT 0 NOT NULL,
	"na_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assessment_field_totals_assessment_id_top_code_pk" PRIMARY KEY("assessment_id","top_code")
);
--> statement-breakpoint
ALTER TABLE "assessment_field_totals" ADD CONSTRAINT "assessment_field_totals_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;