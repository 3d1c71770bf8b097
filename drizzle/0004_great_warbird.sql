CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"username" text,
	"ip" text NOT NULL,
	"attempts" integer NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "token_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "on_behalf_of" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "sign_in_throttle_username_idx" ON "sign_in_throttle" USING btree ("username");