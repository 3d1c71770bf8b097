-- The cells are derived (ADR 0018, 0020): emptied here and built again with the cells within one agency (ADR 0022).
DELETE FROM "report_counts";--> statement-breakpoint
DELETE FROM "report_counts_past";--> statement-breakpoint
DELETE FROM "report_counts_days";--> statement-breakpoint
ALTER TABLE "report_counts" DROP CONSTRAINT "report_counts_dim_basis_key_month_pk";--> statement-breakpoint
ALTER TABLE "report_counts_past" DROP CONSTRAINT "report_counts_past_day_dim_basis_key_month_pk";--> statement-breakpoint
ALTER TABLE "report_counts" ADD COLUMN "agency" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_counts_past" ADD COLUMN "agency" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_counts" ADD CONSTRAINT "report_counts_dim_agency_basis_key_month_pk" PRIMARY KEY("dim","agency","basis","key","month");--> statement-breakpoint
ALTER TABLE "report_counts_past" ADD CONSTRAINT "report_counts_past_day_dim_agency_basis_key_month_pk" PRIMARY KEY("day","dim","agency","basis","key","month");--> statement-breakpoint
-- Readers count directly until the summary is rebuilt (at start).
UPDATE "report_counts_meta" SET "stale_after_days" = -1;
