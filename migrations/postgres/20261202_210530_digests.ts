import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_notification_preferences_channels_agency_digest" AS ENUM('email', 'in-app', 'off');
  CREATE TYPE "public"."enum_notification_preferences_channels_editor_digest" AS ENUM('email', 'in-app', 'off');
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'agency-digest';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'editor-digest';
  ALTER TYPE "public"."enum_notifications_subject_collection" ADD VALUE 'digests';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-send-digests';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-send-digests';
  ALTER TABLE "notification_preferences" ADD COLUMN "channels_agency_digest" "enum_notification_preferences_channels_agency_digest";
  ALTER TABLE "notification_preferences" ADD COLUMN "channels_editor_digest" "enum_notification_preferences_channels_editor_digest";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  // The digests and their jobs go first: the enums made again below no longer hold their values.
  await db.execute(sql`
  DELETE FROM "notifications" WHERE "kind" IN ('agency-digest', 'editor-digest') OR "subject_collection" = 'digests';
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'entraide-send-digests';
  DELETE FROM "payload_jobs" WHERE "task_slug" = 'entraide-send-digests';
   ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_kind";
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('answer-posted', 'answer-accepted', 'answer-validated', 'answer-promoted', 'contribution-published', 'contribution-hidden', 'proposal-accepted', 'proposal-refused', 'followed-update');
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_notifications_kind" USING "kind"::"public"."enum_notifications_kind";
  ALTER TABLE "notifications" ALTER COLUMN "subject_collection" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_subject_collection";
  CREATE TYPE "public"."enum_notifications_subject_collection" AS ENUM('threads', 'answers', 'tips', 'guide-proposals', 'guides', 'procedures', 'wiki-pages');
  ALTER TABLE "notifications" ALTER COLUMN "subject_collection" SET DATA TYPE "public"."enum_notifications_subject_collection" USING "subject_collection"::"public"."enum_notifications_subject_collection";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-expire-verifications', 'entraide-compute-public-figures', 'entraide-account-email', 'entraide-search-sync', 'entraide-notify', 'entraide-notify-email');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "notification_preferences" DROP COLUMN "channels_agency_digest";
  ALTER TABLE "notification_preferences" DROP COLUMN "channels_editor_digest";
  DROP TYPE "public"."enum_notification_preferences_channels_agency_digest";
  DROP TYPE "public"."enum_notification_preferences_channels_editor_digest";`)
}
