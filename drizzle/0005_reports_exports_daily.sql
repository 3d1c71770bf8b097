CREATE TABLE "report_results" (
	"key" text PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"body" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "saved_views_user_name_key";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "job_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "template" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "saved_views" ADD COLUMN "kind" text DEFAULT 'tasks' NOT NULL;--> statement-breakpoint
CREATE INDEX "report_results_as_of_idx" ON "report_results" USING btree ("as_of");--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_job_idx" ON "files" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_kind_name_key" ON "saved_views" USING btree ("user_id","kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "task_snapshots_open_key" ON "task_snapshots" USING btree ("task_id") WHERE valid_to is null;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_kind_check" CHECK (kind in ('tasks', 'report'));