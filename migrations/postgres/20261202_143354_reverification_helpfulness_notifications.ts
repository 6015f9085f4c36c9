import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_guides_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum__guides_v_version_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_wiki_pages_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum__wiki_pages_v_version_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_answers_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_tips_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_helpfulness_reason" AS ENUM('out-of-date', 'unclear', 'did-not-answer', 'other');
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
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-expire-verifications' BEFORE 'entraide-search-sync';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-notify';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-notify-email';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-expire-verifications' BEFORE 'entraide-search-sync';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-notify';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-notify-email';
  CREATE TABLE "helpfulness" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"is_helpful" boolean DEFAULT false,
  	"reason" "enum_helpfulness_reason",
  	"note" varchar,
  	"key" varchar NOT NULL,
  	"target_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "helpfulness_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"guides_id" integer,
  	"wiki_pages_id" integer,
  	"answers_id" integer
  );
  
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
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "guides" ADD COLUMN "review_reason" "enum_guides_review_reason";
  ALTER TABLE "guides" ADD COLUMN "review_changes" jsonb;
  ALTER TABLE "guides" ADD COLUMN "review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "guides" ADD COLUMN "reverified_by_id" integer;
  ALTER TABLE "guides" ADD COLUMN "reverified_at" timestamp(3) with time zone;
  ALTER TABLE "_guides_v" ADD COLUMN "version_review_reason" "enum__guides_v_version_review_reason";
  ALTER TABLE "_guides_v" ADD COLUMN "version_review_changes" jsonb;
  ALTER TABLE "_guides_v" ADD COLUMN "version_review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "_guides_v" ADD COLUMN "version_reverified_by_id" integer;
  ALTER TABLE "_guides_v" ADD COLUMN "version_reverified_at" timestamp(3) with time zone;
  ALTER TABLE "wiki_pages" ADD COLUMN "needs_review" boolean DEFAULT false;
  ALTER TABLE "wiki_pages" ADD COLUMN "review_reason" "enum_wiki_pages_review_reason";
  ALTER TABLE "wiki_pages" ADD COLUMN "review_changes" jsonb;
  ALTER TABLE "wiki_pages" ADD COLUMN "review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "wiki_pages" ADD COLUMN "reverified_by_id" integer;
  ALTER TABLE "wiki_pages" ADD COLUMN "reverified_at" timestamp(3) with time zone;
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_needs_review" boolean DEFAULT false;
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_review_reason" "enum__wiki_pages_v_version_review_reason";
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_review_changes" jsonb;
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_reverified_by_id" integer;
  ALTER TABLE "_wiki_pages_v" ADD COLUMN "version_reverified_at" timestamp(3) with time zone;
  ALTER TABLE "answers" ADD COLUMN "needs_review" boolean DEFAULT false;
  ALTER TABLE "answers" ADD COLUMN "review_reason" "enum_answers_review_reason";
  ALTER TABLE "answers" ADD COLUMN "review_changes" jsonb;
  ALTER TABLE "answers" ADD COLUMN "review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "answers" ADD COLUMN "reverified_by_id" integer;
  ALTER TABLE "answers" ADD COLUMN "reverified_at" timestamp(3) with time zone;
  ALTER TABLE "tips" ADD COLUMN "needs_review" boolean DEFAULT false;
  ALTER TABLE "tips" ADD COLUMN "review_reason" "enum_tips_review_reason";
  ALTER TABLE "tips" ADD COLUMN "review_changes" jsonb;
  ALTER TABLE "tips" ADD COLUMN "review_flagged_at" timestamp(3) with time zone;
  ALTER TABLE "tips" ADD COLUMN "reverified_by_id" integer;
  ALTER TABLE "tips" ADD COLUMN "reverified_at" timestamp(3) with time zone;
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "helpfulness_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notifications_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscriptions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notification_preferences_id" integer;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."helpfulness"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_guides_fk" FOREIGN KEY ("guides_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_wiki_pages_fk" FOREIGN KEY ("wiki_pages_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_answers_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "helpfulness_is_helpful_idx" ON "helpfulness" USING btree ("is_helpful");
  CREATE INDEX "helpfulness_reason_idx" ON "helpfulness" USING btree ("reason");
  CREATE UNIQUE INDEX "helpfulness_key_idx" ON "helpfulness" USING btree ("key");
  CREATE INDEX "helpfulness_target_key_idx" ON "helpfulness" USING btree ("target_key");
  CREATE INDEX "helpfulness_updated_at_idx" ON "helpfulness" USING btree ("updated_at");
  CREATE INDEX "helpfulness_created_at_idx" ON "helpfulness" USING btree ("created_at");
  CREATE INDEX "helpfulness_rels_order_idx" ON "helpfulness_rels" USING btree ("order");
  CREATE INDEX "helpfulness_rels_parent_idx" ON "helpfulness_rels" USING btree ("parent_id");
  CREATE INDEX "helpfulness_rels_path_idx" ON "helpfulness_rels" USING btree ("path");
  CREATE INDEX "helpfulness_rels_guides_id_idx" ON "helpfulness_rels" USING btree ("guides_id");
  CREATE INDEX "helpfulness_rels_wiki_pages_id_idx" ON "helpfulness_rels" USING btree ("wiki_pages_id");
  CREATE INDEX "helpfulness_rels_answers_id_idx" ON "helpfulness_rels" USING btree ("answers_id");
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
  ALTER TABLE "guides" ADD CONSTRAINT "guides_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_version_reverified_by_id_users_id_fk" FOREIGN KEY ("version_reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v" ADD CONSTRAINT "_wiki_pages_v_version_reverified_by_id_users_id_fk" FOREIGN KEY ("version_reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_helpfulness_fk" FOREIGN KEY ("helpfulness_id") REFERENCES "public"."helpfulness"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notifications_fk" FOREIGN KEY ("notifications_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscriptions_fk" FOREIGN KEY ("subscriptions_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notification_preferences_fk" FOREIGN KEY ("notification_preferences_id") REFERENCES "public"."notification_preferences"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "guides_review_flagged_at_idx" ON "guides" USING btree ("review_flagged_at");
  CREATE INDEX "guides_reverified_by_idx" ON "guides" USING btree ("reverified_by_id");
  CREATE INDEX "_guides_v_version_version_review_flagged_at_idx" ON "_guides_v" USING btree ("version_review_flagged_at");
  CREATE INDEX "_guides_v_version_version_reverified_by_idx" ON "_guides_v" USING btree ("version_reverified_by_id");
  CREATE INDEX "wiki_pages_needs_review_idx" ON "wiki_pages" USING btree ("needs_review");
  CREATE INDEX "wiki_pages_review_flagged_at_idx" ON "wiki_pages" USING btree ("review_flagged_at");
  CREATE INDEX "wiki_pages_reverified_by_idx" ON "wiki_pages" USING btree ("reverified_by_id");
  CREATE INDEX "_wiki_pages_v_version_version_needs_review_idx" ON "_wiki_pages_v" USING btree ("version_needs_review");
  CREATE INDEX "_wiki_pages_v_version_version_review_flagged_at_idx" ON "_wiki_pages_v" USING btree ("version_review_flagged_at");
  CREATE INDEX "_wiki_pages_v_version_version_reverified_by_idx" ON "_wiki_pages_v" USING btree ("version_reverified_by_id");
  CREATE INDEX "answers_needs_review_idx" ON "answers" USING btree ("needs_review");
  CREATE INDEX "answers_review_flagged_at_idx" ON "answers" USING btree ("review_flagged_at");
  CREATE INDEX "answers_reverified_by_idx" ON "answers" USING btree ("reverified_by_id");
  CREATE INDEX "tips_needs_review_idx" ON "tips" USING btree ("needs_review");
  CREATE INDEX "tips_review_flagged_at_idx" ON "tips" USING btree ("review_flagged_at");
  CREATE INDEX "tips_reverified_by_idx" ON "tips" USING btree ("reverified_by_id");
  CREATE INDEX "payload_locked_documents_rels_helpfulness_id_idx" ON "payload_locked_documents_rels" USING btree ("helpfulness_id");
  CREATE INDEX "payload_locked_documents_rels_notifications_id_idx" ON "payload_locked_documents_rels" USING btree ("notifications_id");
  CREATE INDEX "payload_locked_documents_rels_subscriptions_id_idx" ON "payload_locked_documents_rels" USING btree ("subscriptions_id");
  CREATE INDEX "payload_locked_documents_rels_notification_preferences_i_idx" ON "payload_locked_documents_rels" USING btree ("notification_preferences_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "helpfulness" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "helpfulness_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "notifications" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriptions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "notification_preferences" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "helpfulness" CASCADE;
  DROP TABLE "helpfulness_rels" CASCADE;
  DROP TABLE "notifications" CASCADE;
  DROP TABLE "subscriptions" CASCADE;
  DROP TABLE "notification_preferences" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "guides" DROP CONSTRAINT "guides_reverified_by_id_users_id_fk";
  
  ALTER TABLE "_guides_v" DROP CONSTRAINT "_guides_v_version_reverified_by_id_users_id_fk";
  
  ALTER TABLE "wiki_pages" DROP CONSTRAINT "wiki_pages_reverified_by_id_users_id_fk";
  
  ALTER TABLE "_wiki_pages_v" DROP CONSTRAINT "_wiki_pages_v_version_reverified_by_id_users_id_fk";
  
  ALTER TABLE "answers" DROP CONSTRAINT "answers_reverified_by_id_users_id_fk";
  
  ALTER TABLE "tips" DROP CONSTRAINT "tips_reverified_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_helpfulness_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notifications_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscriptions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notification_preferences_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-search-sync');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-search-sync');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "guides_review_flagged_at_idx";
  DROP INDEX "guides_reverified_by_idx";
  DROP INDEX "_guides_v_version_version_review_flagged_at_idx";
  DROP INDEX "_guides_v_version_version_reverified_by_idx";
  DROP INDEX "wiki_pages_needs_review_idx";
  DROP INDEX "wiki_pages_review_flagged_at_idx";
  DROP INDEX "wiki_pages_reverified_by_idx";
  DROP INDEX "_wiki_pages_v_version_version_needs_review_idx";
  DROP INDEX "_wiki_pages_v_version_version_review_flagged_at_idx";
  DROP INDEX "_wiki_pages_v_version_version_reverified_by_idx";
  DROP INDEX "answers_needs_review_idx";
  DROP INDEX "answers_review_flagged_at_idx";
  DROP INDEX "answers_reverified_by_idx";
  DROP INDEX "tips_needs_review_idx";
  DROP INDEX "tips_review_flagged_at_idx";
  DROP INDEX "tips_reverified_by_idx";
  DROP INDEX "payload_locked_documents_rels_helpfulness_id_idx";
  DROP INDEX "payload_locked_documents_rels_notifications_id_idx";
  DROP INDEX "payload_locked_documents_rels_subscriptions_id_idx";
  DROP INDEX "payload_locked_documents_rels_notification_preferences_i_idx";
  ALTER TABLE "guides" DROP COLUMN "review_reason";
  ALTER TABLE "guides" DROP COLUMN "review_changes";
  ALTER TABLE "guides" DROP COLUMN "review_flagged_at";
  ALTER TABLE "guides" DROP COLUMN "reverified_by_id";
  ALTER TABLE "guides" DROP COLUMN "reverified_at";
  ALTER TABLE "_guides_v" DROP COLUMN "version_review_reason";
  ALTER TABLE "_guides_v" DROP COLUMN "version_review_changes";
  ALTER TABLE "_guides_v" DROP COLUMN "version_review_flagged_at";
  ALTER TABLE "_guides_v" DROP COLUMN "version_reverified_by_id";
  ALTER TABLE "_guides_v" DROP COLUMN "version_reverified_at";
  ALTER TABLE "wiki_pages" DROP COLUMN "needs_review";
  ALTER TABLE "wiki_pages" DROP COLUMN "review_reason";
  ALTER TABLE "wiki_pages" DROP COLUMN "review_changes";
  ALTER TABLE "wiki_pages" DROP COLUMN "review_flagged_at";
  ALTER TABLE "wiki_pages" DROP COLUMN "reverified_by_id";
  ALTER TABLE "wiki_pages" DROP COLUMN "reverified_at";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_needs_review";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_review_reason";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_review_changes";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_review_flagged_at";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_reverified_by_id";
  ALTER TABLE "_wiki_pages_v" DROP COLUMN "version_reverified_at";
  ALTER TABLE "answers" DROP COLUMN "needs_review";
  ALTER TABLE "answers" DROP COLUMN "review_reason";
  ALTER TABLE "answers" DROP COLUMN "review_changes";
  ALTER TABLE "answers" DROP COLUMN "review_flagged_at";
  ALTER TABLE "answers" DROP COLUMN "reverified_by_id";
  ALTER TABLE "answers" DROP COLUMN "reverified_at";
  ALTER TABLE "tips" DROP COLUMN "needs_review";
  ALTER TABLE "tips" DROP COLUMN "review_reason";
  ALTER TABLE "tips" DROP COLUMN "review_changes";
  ALTER TABLE "tips" DROP COLUMN "review_flagged_at";
  ALTER TABLE "tips" DROP COLUMN "reverified_by_id";
  ALTER TABLE "tips" DROP COLUMN "reverified_at";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "helpfulness_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notifications_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscriptions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notification_preferences_id";
  DROP TYPE "public"."enum_guides_review_reason";
  DROP TYPE "public"."enum__guides_v_version_review_reason";
  DROP TYPE "public"."enum_wiki_pages_review_reason";
  DROP TYPE "public"."enum__wiki_pages_v_version_review_reason";
  DROP TYPE "public"."enum_answers_review_reason";
  DROP TYPE "public"."enum_tips_review_reason";
  DROP TYPE "public"."enum_helpfulness_reason";
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
