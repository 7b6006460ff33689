CREATE TYPE "public"."directory_state" AS ENUM('unlinked', 'validating', 'linked', 'invalid_credentials', 'deleting');--> statement-breakpoint
CREATE TYPE "public"."directory_sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'held', 'discarded');--> statement-breakpoint
CREATE TYPE "public"."webhook_delivery_kind" AS ENUM('event', 'test', 'resend');--> statement-breakpoint
CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'retrying', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "scim_rejected_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"reason" text NOT NULL,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "directories" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text DEFAULT 'cezanne hr' NOT NULL,
	"state" "directory_state" DEFAULT 'unlinked' NOT NULL,
	"external_key" text NOT NULL,
	"base_url" text NOT NULL,
	"client_id" text,
	"client_secret_encrypted" text,
	"credentials_version" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"anchor_at" timestamp with time zone,
	"next_sync_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"sync_lease_token" uuid,
	"sync_lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"organization_id" text NOT NULL,
	"directory_id" text NOT NULL,
	"event" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "directory_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "directory_group_memberships" (
	"tenant_id" uuid NOT NULL,
	"directory_id" text NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_group_memberships_user_id_group_id_pk" PRIMARY KEY("user_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "directory_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"directory_id" text NOT NULL,
	"idp_id" text NOT NULL,
	"name" text NOT NULL,
	"raw_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_staged_groups" (
	"run_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"idp_id" text NOT NULL,
	"name" text NOT NULL,
	"raw_attributes" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "directory_staged_groups_run_id_idp_id_pk" PRIMARY KEY("run_id","idp_id")
);
--> statement-breakpoint
CREATE TABLE "directory_staged_users" (
	"run_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"idp_id" text NOT NULL,
	"unchanged" boolean DEFAULT false NOT NULL,
	"email" text,
	"first_name" text,
	"last_name" text,
	"name" text,
	"username" text,
	"job_title" text,
	"state" text,
	"emails" jsonb,
	"custom_attributes" jsonb,
	"raw_attributes" jsonb,
	"group_idp_ids" text[],
	"content_hash" text,
	CONSTRAINT "directory_staged_users_run_id_idp_id_pk" PRIMARY KEY("run_id","idp_id")
);
--> statement-breakpoint
CREATE TABLE "directory_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"directory_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" "directory_sync_run_status" DEFAULT 'queued' NOT NULL,
	"retry_of" uuid,
	"executions" integer DEFAULT 0 NOT NULL,
	"credentials_version" integer NOT NULL,
	"scheduled_for" timestamp with time zone,
	"queued_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"fetch_completed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"pages_fetched" integer DEFAULT 0 NOT NULL,
	"users_fetched" integer DEFAULT 0 NOT NULL,
	"users_total" integer,
	"groups_fetched" integer DEFAULT 0 NOT NULL,
	"users_created" integer DEFAULT 0 NOT NULL,
	"users_updated" integer DEFAULT 0 NOT NULL,
	"users_deleted" integer DEFAULT 0 NOT NULL,
	"groups_created" integer DEFAULT 0 NOT NULL,
	"groups_updated" integer DEFAULT 0 NOT NULL,
	"groups_deleted" integer DEFAULT 0 NOT NULL,
	"memberships_added" integer DEFAULT 0 NOT NULL,
	"memberships_removed" integer DEFAULT 0 NOT NULL,
	"events_emitted" integer DEFAULT 0 NOT NULL,
	"error" text,
	"error_kind" text,
	"held_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"next_sync_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_users" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"directory_id" text NOT NULL,
	"idp_id" text NOT NULL,
	"email" text,
	"first_name" text,
	"last_name" text,
	"name" text,
	"username" text,
	"job_title" text,
	"state" text NOT NULL,
	"emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raw_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organization_domains" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"organization_id" text NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"kind" "webhook_delivery_kind" DEFAULT 'event' NOT NULL,
	"lane" text NOT NULL,
	"event_seq" bigint,
	"event_id" text NOT NULL,
	"event_name" text NOT NULL,
	"payload" jsonb,
	"resend_of" bigint,
	"status" "webhook_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"first_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_status_code" integer,
	"last_duration_ms" integer,
	"last_error" text,
	"response_excerpt" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret_encrypted" text NOT NULL,
	"secret_last_four" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"disabled_at" timestamp with time zone,
	"cursor_seq" bigint DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"lease_token" uuid,
	"lease_until" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_last_four" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "portal_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"organization_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"intent" text NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"return_url" text,
	"success_url" text,
	CONSTRAINT "portal_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "login_throttle" ADD COLUMN "last_attempt_refused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people_imports" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "people_imports" ADD COLUMN "processed_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scim_rejected_requests" ADD CONSTRAINT "scim_rejected_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directories" ADD CONSTRAINT "directories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directories" ADD CONSTRAINT "directories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_memberships" ADD CONSTRAINT "directory_group_memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_memberships" ADD CONSTRAINT "directory_group_memberships_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_memberships" ADD CONSTRAINT "directory_group_memberships_user_id_directory_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."directory_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_memberships" ADD CONSTRAINT "directory_group_memberships_group_id_directory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."directory_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_staged_groups" ADD CONSTRAINT "directory_staged_groups_run_id_directory_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."directory_sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_staged_users" ADD CONSTRAINT "directory_staged_users_run_id_directory_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."directory_sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_sync_runs" ADD CONSTRAINT "directory_sync_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_sync_runs" ADD CONSTRAINT "directory_sync_runs_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_counts" ADD CONSTRAINT "directory_counts_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_counts" ADD CONSTRAINT "directory_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_sync_settings" ADD CONSTRAINT "directory_sync_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_id_staff_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_staff_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scim_rejected_requests_tenant_created_idx" ON "scim_rejected_requests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "directories_tenant_org_idx" ON "directories" USING btree ("tenant_id","organization_id","id");--> statement-breakpoint
CREATE INDEX "directories_due_idx" ON "directories" USING btree ("next_sync_at") WHERE "directories"."state" = 'linked';--> statement-breakpoint
CREATE INDEX "directory_events_tenant_seq_idx" ON "directory_events" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "directory_events_directory_seq_idx" ON "directory_events" USING btree ("tenant_id","directory_id","seq");--> statement-breakpoint
CREATE INDEX "directory_group_memberships_group_idx" ON "directory_group_memberships" USING btree ("group_id","user_id");--> statement-breakpoint
CREATE INDEX "directory_group_memberships_directory_idx" ON "directory_group_memberships" USING btree ("directory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_groups_directory_idp_uq" ON "directory_groups" USING btree ("directory_id","idp_id");--> statement-breakpoint
CREATE INDEX "directory_groups_tenant_directory_idx" ON "directory_groups" USING btree ("tenant_id","directory_id","id");--> statement-breakpoint
CREATE INDEX "directory_groups_tenant_idx" ON "directory_groups" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "directory_sync_runs_directory_idx" ON "directory_sync_runs" USING btree ("tenant_id","directory_id","queued_at");--> statement-breakpoint
CREATE INDEX "directory_sync_runs_open_idx" ON "directory_sync_runs" USING btree ("directory_id") WHERE "directory_sync_runs"."status" in ('queued', 'running', 'held');--> statement-breakpoint
CREATE INDEX "directory_sync_runs_retry_of_idx" ON "directory_sync_runs" USING btree ("retry_of");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_directory_idp_uq" ON "directory_users" USING btree ("directory_id","idp_id");--> statement-breakpoint
CREATE INDEX "directory_users_tenant_directory_idx" ON "directory_users" USING btree ("tenant_id","directory_id","id");--> statement-breakpoint
CREATE INDEX "directory_users_tenant_idx" ON "directory_users" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_tenant_domain_uq" ON "organization_domains" USING btree ("tenant_id",lower("domain"));--> statement-breakpoint
CREATE INDEX "organization_domains_org_idx" ON "organization_domains" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "organizations_tenant_idx" ON "organizations" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_uq" ON "webhook_deliveries" USING btree ("endpoint_id","event_seq") WHERE "webhook_deliveries"."kind" = 'event';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_open_idx" ON "webhook_deliveries" USING btree ("endpoint_id","lane","event_seq","id") WHERE "webhook_deliveries"."status" in ('pending', 'retrying');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log_status_idx" ON "webhook_deliveries" USING btree ("endpoint_id","status","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_done_idx" ON "webhook_deliveries" USING btree ("created_at") WHERE "webhook_deliveries"."status" in ('succeeded', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "api_keys_tenant_idx" ON "api_keys" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "portal_links_tenant_org_idx" ON "portal_links" USING btree ("tenant_id","organization_id","created_at");--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");--> statement-breakpoint
CREATE INDEX "login_throttle_last_failure_idx" ON "login_throttle" USING btree ("last_failure_at");--> statement-breakpoint
CREATE UNIQUE INDEX "people_imports_one_running_uq" ON "people_imports" USING btree ("tenant_id") WHERE "people_imports"."status" in ('queued', 'importing');--> statement-breakpoint
CREATE INDEX "scim_request_log_created_idx" ON "scim_request_log" USING btree ("created_at");