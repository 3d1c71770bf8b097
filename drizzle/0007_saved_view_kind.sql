DROP INDEX "saved_views_user_name_key";--> statement-breakpoint
ALTER TABLE "saved_views" ADD COLUMN "kind" text DEFAULT 'tasks' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_kind_name_key" ON "saved_views" USING btree ("user_id","kind","name");--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_kind_check" CHECK (kind in ('tasks', 'report'));