ALTER TABLE "tasks" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "original_deadline_corrections" integer DEFAULT 0 NOT NULL;