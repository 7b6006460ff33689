CREATE TABLE "directory_counts" (
	"directory_id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"users_active" integer DEFAULT 0 NOT NULL,
	"users_inactive" integer DEFAULT 0 NOT NULL,
	"groups" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_sync_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"cezanne_hr_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "directory_counts" ADD CONSTRAINT "directory_counts_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_counts" ADD CONSTRAINT "directory_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_sync_settings" ADD CONSTRAINT "directory_sync_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;