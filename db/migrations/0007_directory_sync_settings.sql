CREATE TABLE "directory_sync_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"cezanne_hr_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "directory_sync_settings" ADD CONSTRAINT "directory_sync_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;