CREATE TABLE "home_counts" (
	"dim" text NOT NULL,
	"key" integer NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"drafts" integer DEFAULT 0 NOT NULL,
	"done_on_time" integer DEFAULT 0 NOT NULL,
	"done_late" integer DEFAULT 0 NOT NULL,
	"in_time" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"not_updated" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"due_soon" integer DEFAULT 0 NOT NULL,
	"waiting_review" integer DEFAULT 0 NOT NULL,
	"pending_extensions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "home_counts_dim_key_pk" PRIMARY KEY("dim","key")
);
--> statement-breakpoint
-- The summary built before this table existed has no home cells: readers count directly until it is rebuilt.
UPDATE "report_counts_meta" SET "stale_after_days" = -1;
