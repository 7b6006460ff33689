CREATE TABLE "directory_user_api_json" (
	"user_id" text PRIMARY KEY NOT NULL,
	"json" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_user_api_json" ADD CONSTRAINT "directory_user_api_json_user_id_directory_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."directory_users"("id") ON DELETE cascade ON UPDATE no action;