CREATE TABLE "login_throttles" (
	"account_key" text NOT NULL,
	"client_key" text NOT NULL,
	"failures" integer NOT NULL,
	"blocked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_throttles_account_key_client_key_pk" PRIMARY KEY("account_key","client_key")
);
--> statement-breakpoint
CREATE INDEX "login_throttles_client_idx" ON "login_throttles" USING btree ("client_key");--> statement-breakpoint
CREATE INDEX "login_throttles_last_idx" ON "login_throttles" USING btree ("last_failure_at");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";