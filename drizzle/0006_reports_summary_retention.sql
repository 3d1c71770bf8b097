CREATE TABLE "report_counts" (
	"dim" text NOT NULL,
	"key" integer NOT NULL,
	"basis" text NOT NULL,
	"month" date NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"no_deadline" integer DEFAULT 0 NOT NULL,
	"routine" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"not_updated" integer DEFAULT 0 NOT NULL,
	"extensions_requested" integer DEFAULT 0 NOT NULL,
	"extensions_granted" integer DEFAULT 0 NOT NULL,
	"done_on_time_cur" integer DEFAULT 0 NOT NULL,
	"done_late_cur" integer DEFAULT 0 NOT NULL,
	"in_time_cur" integer DEFAULT 0 NOT NULL,
	"overdue_cur" integer DEFAULT 0 NOT NULL,
	"overdue_up_to_30_cur" integer DEFAULT 0 NOT NULL,
	"overdue_31_to_90_cur" integer DEFAULT 0 NOT NULL,
	"overdue_over_90_cur" integer DEFAULT 0 NOT NULL,
	"overdue_days_cur" integer DEFAULT 0 NOT NULL,
	"done_on_time_orig" integer DEFAULT 0 NOT NULL,
	"done_late_orig" integer DEFAULT 0 NOT NULL,
	"in_time_orig" integer DEFAULT 0 NOT NULL,
	"overdue_orig" integer DEFAULT 0 NOT NULL,
	"overdue_up_to_30_orig" integer DEFAULT 0 NOT NULL,
	"overdue_31_to_90_orig" integer DEFAULT 0 NOT NULL,
	"overdue_over_90_orig" integer DEFAULT 0 NOT NULL,
	"overdue_days_orig" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_counts_dim_basis_key_month_pk" PRIMARY KEY("dim","basis","key","month")
);
--> statement-breakpoint
CREATE TABLE "report_counts_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"stale_after_days" integer NOT NULL,
	"built_to" integer,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "language" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "language" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_results" ADD COLUMN "last_read_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_assigned_day_idx" ON "tasks" USING btree (greatest("assigned_on", "starts_on"));--> statement-breakpoint
CREATE INDEX "tasks_original_due_idx" ON "tasks" USING btree ("original_due");--> statement-breakpoint
-- Nothing set the language before this version: every account's is "not chosen".
UPDATE "users" SET "language" = NULL;--> statement-breakpoint
-- The summary's meta row exists before any server writes with this version: every write takes it for share
-- (built_to 0: no task is in the cells yet), so the first rebuild waits for the writes under way (ADR 0018).
INSERT INTO "report_counts_meta" ("id", "day", "stale_after_days", "built_to", "built_at") VALUES (1, '1970-01-01', -1, 0, now());
