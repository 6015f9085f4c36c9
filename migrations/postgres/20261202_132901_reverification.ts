import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_guides_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum__guides_v_version_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_wiki_pages_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum__wiki_pages_v_version_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_answers_review_reason" AS ENUM('procedure-changed', 'expired');
  CREATE TYPE "public"."enum_tips_review_reason" AS ENUM('procedure-changed', 'expired');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'entraide-expire-verifications' BEFORE 'entraide-search-sync';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'entraide-expire-verifications' BEFORE 'entraide-search-sync';
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
  ALTER TABLE "guides" ADD CONSTRAINT "guides_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_version_reverified_by_id_users_id_fk" FOREIGN KEY ("version_reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v" ADD CONSTRAINT "_wiki_pages_v_version_reverified_by_id_users_id_fk" FOREIGN KEY ("version_reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_reverified_by_id_users_id_fk" FOREIGN KEY ("reverified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
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
  CREATE INDEX "tips_reverified_by_idx" ON "tips" USING btree ("reverified_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "guides" DROP CONSTRAINT "guides_reverified_by_id_users_id_fk";
  
  ALTER TABLE "_guides_v" DROP CONSTRAINT "_guides_v_version_reverified_by_id_users_id_fk";
  
  ALTER TABLE "wiki_pages" DROP CONSTRAINT "wiki_pages_reverified_by_id_users_id_fk";
  
  ALTER TABLE "_wiki_pages_v" DROP CONSTRAINT "_wiki_pages_v_version_reverified_by_id_users_id_fk";
  
  ALTER TABLE "answers" DROP CONSTRAINT "answers_reverified_by_id_users_id_fk";
  
  ALTER TABLE "tips" DROP CONSTRAINT "tips_reverified_by_id_users_id_fk";
  
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
  DROP TYPE "public"."enum_guides_review_reason";
  DROP TYPE "public"."enum__guides_v_version_review_reason";
  DROP TYPE "public"."enum_wiki_pages_review_reason";
  DROP TYPE "public"."enum__wiki_pages_v_version_review_reason";
  DROP TYPE "public"."enum_answers_review_reason";
  DROP TYPE "public"."enum_tips_review_reason";`)
}
