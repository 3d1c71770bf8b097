CREATE TABLE "report_counts_days" (
	"day" date PRIMARY KEY NOT NULL,
	"stale_after_days" integer NOT NULL,
	"built_to" integer,
	"built_at" timestamp with time zone NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_counts_past" (
	"day" date NOT NULL,
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
	CONSTRAINT "report_counts_past_day_dim_basis_key_month_pk" PRIMARY KEY("day","dim","basis","key","month")
);
