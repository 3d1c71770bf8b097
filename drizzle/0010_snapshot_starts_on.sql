-- A recurring period's first day, copied from its task (it never changes), so that counting a past day reads the
-- snapshots alone (ADR 0025). Few tasks have one.
ALTER TABLE "task_snapshots" ADD COLUMN "starts_on" date;--> statement-breakpoint
UPDATE "task_snapshots" s SET "starts_on" = t."starts_on" FROM "tasks" t WHERE t."id" = s."task_id" AND t."starts_on" IS NOT NULL;
