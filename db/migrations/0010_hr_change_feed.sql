CREATE TABLE "hr_changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hr_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"entity_set" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"removed_reason" text,
	"xid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hr_changes_feed_idx" ON "hr_changes" USING btree ("tenant_id","entity_set","xid","seq");--> statement-breakpoint
CREATE INDEX "hr_changes_created_idx" ON "hr_changes" USING btree ("created_at");