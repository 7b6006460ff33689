ALTER TABLE "people_imports" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "people_imports" ADD COLUMN "processed_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "people_imports_one_running_uq" ON "people_imports" USING btree ("tenant_id") WHERE "people_imports"."status" in ('queued', 'importing');