import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_notifications_kind" AS ENUM('answer-posted', 'answer-accepted', 'answer-validated', 'answer-promoted', 'contribution-published', 'contribution-hidden', 'proposal-accepted', 'proposal-refused', 'followed-update');
  CREATE TYPE "public"."enum_notifications_subject_collection" AS ENUM('threads', 'answers', 'tips', 'guide-proposals', 'guides', 'procedures', 'wiki-pages');
  CREATE TYPE "public"."enum_notifications_email_status" AS ENUM('none', 'pending', 'sent', 'failed', 'unsubscribed');
  CREATE TYPE "public"."enum_subscriptions_target_collection" AS ENUM('threads', 'guides', 'procedures');
  CREATE TYPE "public"."enum_notification_preferences_language" AS ENUM('fr', 'en');
  CREATE TYPE "public"."enum_notification_preferences_channels_answer_posted" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_answer_accepted" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_answer_validated" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_answer_promoted" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_contribution_published" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_contribution_hidden" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_proposal_accepted" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_proposal_refused" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_followed_update" AS ENUM('email', 'in-app', 'off');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-notify';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-notify-email';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-notify';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-notify-email';
  CREATE TABLE "notifications" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"recipient_id" integer NOT NULL,
  	"kind" "enum_notifications_kind" NOT NULL,
  	"title" varchar NOT NULL,
  	"body" varchar,
  	"note" varchar,
  	"subject_collection" "enum_notifications_subject_collection" NOT NULL,
  	"subject_id" varchar NOT NULL,
  	"link" varchar,
  	"is_read" boolean DEFAULT false,
  	"read_at" timestamp(3) with time zone,
  	"email_status" "enum_notifications_email_status" DEFAULT 'none',
  	"email_error" varchar,
  	"email_sent_at" timestamp(3) with time zone,
  	"event_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "subscriptions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"target_collection" "enum_subscriptions_target_collection" NOT NULL,
  	"target_id" varchar NOT NULL,
  	"target_key" varchar NOT NULL,
  	"key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "notification_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"language" "enum_notification_preferences_language",
  	"channels_answer_posted" "enum_notification_preferences_channels_answer_posted",
  	"channels_answer_accepted" "enum_notification_preferences_channels_answer_accepted",
  	"channels_answer_validated" "enum_notification_preferences_channels_answer_validated",
  	"channels_answer_promoted" "enum_notification_preferences_channels_answer_promoted",
  	"channels_contribution_published" "enum_notification_preferences_channels_contribution_published",
  	"channels_contribution_hidden" "enum_notification_preferences_channels_contribution_hidden",
  	"channels_proposal_accepted" "enum_notification_preferences_channels_proposal_accepted",
  	"channels_proposal_refused" "enum_notification_preferences_channels_proposal_refused",
  	"channels_followed_update" "enum_notification_preferences_channels_followed_update",
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notifications_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscriptions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notification_preferences_id" integer;
  ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id");
  CREATE INDEX "notifications_is_read_idx" ON "notifications" USING btree ("is_read");
  CREATE INDEX "notifications_email_status_idx" ON "notifications" USING btree ("email_status");
  CREATE UNIQUE INDEX "notifications_event_key_idx" ON "notifications" USING btree ("event_key");
  CREATE INDEX "notifications_updated_at_idx" ON "notifications" USING btree ("updated_at");
  CREATE INDEX "notifications_created_at_idx" ON "notifications" USING btree ("created_at");
  CREATE INDEX "subscriptions_user_idx" ON "subscriptions" USING btree ("user_id");
  CREATE INDEX "subscriptions_target_key_idx" ON "subscriptions" USING btree ("target_key");
  CREATE UNIQUE INDEX "subscriptions_key_idx" ON "subscriptions" USING btree ("key");
  CREATE INDEX "subscriptions_updated_at_idx" ON "subscriptions" USING btree ("updated_at");
  CREATE INDEX "subscriptions_created_at_idx" ON "subscriptions" USING btree ("created_at");
  CREATE UNIQUE INDEX "notification_preferences_user_idx" ON "notification_preferences" USING btree ("user_id");
  CREATE INDEX "notification_preferences_updated_at_idx" ON "notification_preferences" USING btree ("updated_at");
  CREATE INDEX "notification_preferences_created_at_idx" ON "notification_preferences" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notifications_fk" FOREIGN KEY ("notifications_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscriptions_fk" FOREIGN KEY ("subscriptions_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notification_preferences_fk" FOREIGN KEY ("notification_preferences_id") REFERENCES "public"."notification_preferences"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_notifications_id_idx" ON "payload_locked_documents_rels" USING btree ("notifications_id");
  CREATE INDEX "payload_locked_documents_rels_subscriptions_id_idx" ON "payload_locked_documents_rels" USING btree ("subscriptions_id");
  CREATE INDEX "payload_locked_documents_rels_notification_preferences_i_idx" ON "payload_locked_documents_rels" USING btree ("notification_preferences_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notifications" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriptions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "notification_preferences" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "notifications" CASCADE;
  DROP TABLE "subscriptions" CASCADE;
  DROP TABLE "notification_preferences" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notifications_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscriptions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notification_preferences_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-search-sync');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-search-sync');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_notifications_id_idx";
  DROP INDEX "payload_locked_documents_rels_subscriptions_id_idx";
  DROP INDEX "payload_locked_documents_rels_notification_preferences_i_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notifications_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscriptions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notification_preferences_id";
  DROP TYPE "public"."enum_notifications_kind";
  DROP TYPE "public"."enum_notifications_subject_collection";
  DROP TYPE "public"."enum_notifications_email_status";
  DROP TYPE "public"."enum_subscriptions_target_collection";
  DROP TYPE "public"."enum_notification_preferences_language";
  DROP TYPE "public"."enum_notification_preferences_channels_answer_posted";
  DROP TYPE "public"."enum_notification_preferences_channels_answer_accepted";
  DROP TYPE "public"."enum_notification_preferences_channels_answer_validated";
  DROP TYPE "public"."enum_notification_preferences_channels_answer_promoted";
  DROP TYPE "public"."enum_notification_preferences_channels_contribution_published";
  DROP TYPE "public"."enum_notification_preferences_channels_contribution_hidden";
  DROP TYPE "public"."enum_notification_preferences_channels_proposal_accepted";
  DROP TYPE "public"."enum_notification_preferences_channels_proposal_refused";
  DROP TYPE "public"."enum_notification_preferences_channels_followed_update";`)
}
