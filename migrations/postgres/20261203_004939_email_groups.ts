import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_notification_email_groups_status" AS ENUM('waiting', 'sending', 'sent', 'failed', 'empty');
  ALTER TYPE "public"."enum_notifications_email_status" ADD VALUE 'grouped' BEFORE 'sent';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-notify-email-group' BEFORE 'entraide-send-digests';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-notify-email-group' BEFORE 'entraide-send-digests';
  CREATE TABLE "notification_email_groups" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"recipient_id" integer NOT NULL,
  	"send_at" timestamp(3) with time zone NOT NULL,
  	"status" "enum_notification_email_groups_status" DEFAULT 'waiting' NOT NULL,
  	"count" numeric,
  	"sent_at" timestamp(3) with time zone,
  	"error" varchar,
  	"key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "notifications" ADD COLUMN "email_group" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notification_email_groups_id" integer;
  ALTER TABLE "notification_email_groups" ADD CONSTRAINT "notification_email_groups_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "notification_email_groups_recipient_idx" ON "notification_email_groups" USING btree ("recipient_id");
  CREATE INDEX "notification_email_groups_status_idx" ON "notification_email_groups" USING btree ("status");
  CREATE UNIQUE INDEX "notification_email_groups_key_idx" ON "notification_email_groups" USING btree ("key");
  CREATE INDEX "notification_email_groups_updated_at_idx" ON "notification_email_groups" USING btree ("updated_at");
  CREATE INDEX "notification_email_groups_created_at_idx" ON "notification_email_groups" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notification_email_groups_fk" FOREIGN KEY ("notification_email_groups_id") REFERENCES "public"."notification_email_groups"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "notifications_email_group_idx" ON "notifications" USING btree ("email_group");
  CREATE INDEX "payload_locked_documents_rels_notification_email_groups__idx" ON "payload_locked_documents_rels" USING btree ("notification_email_groups_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notification_email_groups" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "notification_email_groups" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notification_email_groups_fk";
  
  ALTER TABLE "notifications" ALTER COLUMN "email_status" SET DATA TYPE text;
  ALTER TABLE "notifications" ALTER COLUMN "email_status" SET DEFAULT 'none'::text;
  DROP TYPE "public"."enum_notifications_email_status";
  CREATE TYPE "public"."enum_notifications_email_status" AS ENUM('none', 'pending', 'sent', 'failed', 'unsubscribed');
  ALTER TABLE "notifications" ALTER COLUMN "email_status" SET DEFAULT 'none'::"public"."enum_notifications_email_status";
  ALTER TABLE "notifications" ALTER COLUMN "email_status" SET DATA TYPE "public"."enum_notifications_email_status" USING "email_status"::"public"."enum_notifications_email_status";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email', 'entraide-send-digests');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email', 'entraide-send-digests');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "notifications_email_group_idx";
  DROP INDEX "payload_locked_documents_rels_notification_email_groups__idx";
  ALTER TABLE "notifications" DROP COLUMN "email_group";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notification_email_groups_id";
  DROP TYPE "public"."enum_notification_email_groups_status";`)
}
