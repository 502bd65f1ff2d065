ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_status_ck";--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "sampled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "sample_seed" integer;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_status_ck" CHECK ("survey_responses"."status" in ('valid','invalid','pending_check','superseded'));