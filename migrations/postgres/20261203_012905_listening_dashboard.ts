import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-compute-listening-dashboard' BEFORE 'entraide-account-email';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-compute-listening-dashboard' BEFORE 'entraide-account-email';
  CREATE TABLE "listening_dashboard" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"computed_at" timestamp(3) with time zone,
  	"dashboards" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "listening_dashboard" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email', 'entraide-notify-email-group', 'entraide-send-digests');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email', 'entraide-notify-email-group', 'entraide-send-digests');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
