CREATE TABLE "report_results" (
	"key" text PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"body" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_results_as_of_idx" ON "report_results" USING btree ("as_of");