ALTER TABLE "tasks" ADD COLUMN "agency_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_agency_ids_gin" ON "tasks" USING gin ("agency_ids");--> statement-breakpoint
UPDATE "tasks" t SET "agency_ids" = array[t."lead_agency_id"] || coalesce((select array_agg(ta."agency_id" order by ta."agency_id") from "task_agencies" ta where ta."task_id" = t."id"), '{}'::int[]);
