import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_role" AS ENUM('citizen', 'agent', 'editor', 'admin');
  CREATE TYPE "public"."enum_guides_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__guides_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_wiki_pages_sources_kind" AS ENUM('answer', 'tip');
  CREATE TYPE "public"."enum_wiki_pages_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__wiki_pages_v_version_sources_kind" AS ENUM('answer', 'tip');
  CREATE TYPE "public"."enum__wiki_pages_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_threads_visibility" AS ENUM('pending', 'published', 'hidden');
  CREATE TYPE "public"."enum_threads_status" AS ENUM('open', 'answered', 'resolved', 'closed');
  CREATE TYPE "public"."enum_answers_visibility" AS ENUM('pending', 'published', 'hidden');
  CREATE TYPE "public"."enum_tips_visibility" AS ENUM('pending', 'published', 'hidden');
  CREATE TYPE "public"."enum_reports_reason" AS ENUM('spam', 'abuse', 'personal-data', 'wrong-information', 'other');
  CREATE TYPE "public"."enum_reports_status" AS ENUM('open', 'resolved', 'dismissed');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'entraide-search-sync');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'entraide-search-sync');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"display_name" varchar NOT NULL,
  	"role" "enum_users_role" DEFAULT 'citizen' NOT NULL,
  	"agency_id" integer,
  	"reputation" numeric DEFAULT 0,
  	"is_suspended" boolean DEFAULT false,
  	"suspension_reason" varchar,
  	"is_community_account" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "procedures_steps" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar
  );
  
  CREATE TABLE "procedures_required_documents" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"document" varchar NOT NULL
  );
  
  CREATE TABLE "procedures" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"summary" varchar,
  	"agency_id" integer NOT NULL,
  	"official_url" varchar,
  	"cost" varchar,
  	"delay" varchar,
  	"last_official_change" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "guides" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"procedure_id" integer,
  	"body" jsonb,
  	"last_edited_by_id" integer,
  	"verified_by_id" integer,
  	"verified_at" timestamp(3) with time zone,
  	"needs_review" boolean DEFAULT false,
  	"score" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_guides_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_guides_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_procedure_id" integer,
  	"version_body" jsonb,
  	"version_last_edited_by_id" integer,
  	"version_verified_by_id" integer,
  	"version_verified_at" timestamp(3) with time zone,
  	"version_needs_review" boolean DEFAULT false,
  	"version_score" numeric DEFAULT 0,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__guides_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "wiki_pages_sources" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"kind" "enum_wiki_pages_sources_kind",
  	"answer_id" integer,
  	"tip_id" integer,
  	"contributor_id" integer,
  	"validated_by_id" integer,
  	"validated_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "wiki_pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"procedure_id" integer,
  	"body" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_wiki_pages_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "wiki_pages_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "_wiki_pages_v_version_sources" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum__wiki_pages_v_version_sources_kind",
  	"answer_id" integer,
  	"tip_id" integer,
  	"contributor_id" integer,
  	"validated_by_id" integer,
  	"validated_at" timestamp(3) with time zone,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_wiki_pages_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_procedure_id" integer,
  	"version_body" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__wiki_pages_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_wiki_pages_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "threads" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"body" varchar NOT NULL,
  	"procedure_id" integer NOT NULL,
  	"step" numeric,
  	"author_id" integer,
  	"visibility" "enum_threads_visibility" DEFAULT 'published' NOT NULL,
  	"moderation_note" varchar,
  	"status" "enum_threads_status" DEFAULT 'open' NOT NULL,
  	"accepted_answer_id" integer,
  	"score" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "answers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"thread_id" integer NOT NULL,
  	"body" varchar NOT NULL,
  	"procedure_id" integer,
  	"author_id" integer,
  	"visibility" "enum_answers_visibility" DEFAULT 'published' NOT NULL,
  	"moderation_note" varchar,
  	"is_accepted" boolean DEFAULT false,
  	"validated_by_id" integer,
  	"validated_at" timestamp(3) with time zone,
  	"validation_note" varchar,
  	"promoted_to_id" integer,
  	"score" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "tips" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"body" varchar NOT NULL,
  	"procedure_id" integer NOT NULL,
  	"step" numeric,
  	"author_id" integer,
  	"visibility" "enum_tips_visibility" DEFAULT 'published' NOT NULL,
  	"moderation_note" varchar,
  	"validated_by_id" integer,
  	"validated_at" timestamp(3) with time zone,
  	"promoted_to_id" integer,
  	"score" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "votes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"value" numeric NOT NULL,
  	"key" varchar NOT NULL,
  	"target_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "votes_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"answers_id" integer,
  	"tips_id" integer,
  	"threads_id" integer,
  	"guides_id" integer
  );
  
  CREATE TABLE "reports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"target_key" varchar NOT NULL,
  	"reason" "enum_reports_reason" NOT NULL,
  	"note" varchar,
  	"reporter_id" integer,
  	"status" "enum_reports_status" DEFAULT 'open' NOT NULL,
  	"resolved_by_id" integer,
  	"resolved_at" timestamp(3) with time zone,
  	"resolution" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reports_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"answers_id" integer,
  	"tips_id" integer,
  	"threads_id" integer,
  	"guides_id" integer
  );
  
  CREATE TABLE "agencies" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"website" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "search_queries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"query" varchar NOT NULL,
  	"hits" numeric DEFAULT 0 NOT NULL,
  	"zero_hit_searches" numeric DEFAULT 0 NOT NULL,
  	"searches" numeric DEFAULT 0 NOT NULL,
  	"last_searched_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"procedures_id" integer,
  	"guides_id" integer,
  	"wiki_pages_id" integer,
  	"threads_id" integer,
  	"answers_id" integer,
  	"tips_id" integer,
  	"votes_id" integer,
  	"reports_id" integer,
  	"agencies_id" integer,
  	"search_queries_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "procedures_steps" ADD CONSTRAINT "procedures_steps_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "procedures_required_documents" ADD CONSTRAINT "procedures_required_documents_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "procedures" ADD CONSTRAINT "procedures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guides" ADD CONSTRAINT "guides_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guides" ADD CONSTRAINT "guides_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guides" ADD CONSTRAINT "guides_verified_by_id_users_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_parent_id_guides_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."guides"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_version_procedure_id_procedures_id_fk" FOREIGN KEY ("version_procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_guides_v" ADD CONSTRAINT "_guides_v_version_verified_by_id_users_id_fk" FOREIGN KEY ("version_verified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_sources" ADD CONSTRAINT "wiki_pages_sources_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_sources" ADD CONSTRAINT "wiki_pages_sources_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_sources" ADD CONSTRAINT "wiki_pages_sources_contributor_id_users_id_fk" FOREIGN KEY ("contributor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_sources" ADD CONSTRAINT "wiki_pages_sources_validated_by_id_users_id_fk" FOREIGN KEY ("validated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_sources" ADD CONSTRAINT "wiki_pages_sources_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "wiki_pages_rels" ADD CONSTRAINT "wiki_pages_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "wiki_pages_rels" ADD CONSTRAINT "wiki_pages_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_version_sources" ADD CONSTRAINT "_wiki_pages_v_version_sources_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_version_sources" ADD CONSTRAINT "_wiki_pages_v_version_sources_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_version_sources" ADD CONSTRAINT "_wiki_pages_v_version_sources_contributor_id_users_id_fk" FOREIGN KEY ("contributor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_version_sources" ADD CONSTRAINT "_wiki_pages_v_version_sources_validated_by_id_users_id_fk" FOREIGN KEY ("validated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_version_sources" ADD CONSTRAINT "_wiki_pages_v_version_sources_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_wiki_pages_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v" ADD CONSTRAINT "_wiki_pages_v_parent_id_wiki_pages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."wiki_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v" ADD CONSTRAINT "_wiki_pages_v_version_procedure_id_procedures_id_fk" FOREIGN KEY ("version_procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_rels" ADD CONSTRAINT "_wiki_pages_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_wiki_pages_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_wiki_pages_v_rels" ADD CONSTRAINT "_wiki_pages_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_accepted_answer_id_answers_id_fk" FOREIGN KEY ("accepted_answer_id") REFERENCES "public"."answers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_validated_by_id_users_id_fk" FOREIGN KEY ("validated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "answers" ADD CONSTRAINT "answers_promoted_to_id_wiki_pages_id_fk" FOREIGN KEY ("promoted_to_id") REFERENCES "public"."wiki_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_validated_by_id_users_id_fk" FOREIGN KEY ("validated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tips" ADD CONSTRAINT "tips_promoted_to_id_wiki_pages_id_fk" FOREIGN KEY ("promoted_to_id") REFERENCES "public"."wiki_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "votes" ADD CONSTRAINT "votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "votes_rels" ADD CONSTRAINT "votes_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "votes_rels" ADD CONSTRAINT "votes_rels_answers_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "votes_rels" ADD CONSTRAINT "votes_rels_tips_fk" FOREIGN KEY ("tips_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "votes_rels" ADD CONSTRAINT "votes_rels_threads_fk" FOREIGN KEY ("threads_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "votes_rels" ADD CONSTRAINT "votes_rels_guides_fk" FOREIGN KEY ("guides_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reports" ADD CONSTRAINT "reports_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reports_rels" ADD CONSTRAINT "reports_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reports_rels" ADD CONSTRAINT "reports_rels_answers_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reports_rels" ADD CONSTRAINT "reports_rels_tips_fk" FOREIGN KEY ("tips_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reports_rels" ADD CONSTRAINT "reports_rels_threads_fk" FOREIGN KEY ("threads_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reports_rels" ADD CONSTRAINT "reports_rels_guides_fk" FOREIGN KEY ("guides_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_procedures_fk" FOREIGN KEY ("procedures_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_guides_fk" FOREIGN KEY ("guides_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_wiki_pages_fk" FOREIGN KEY ("wiki_pages_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_threads_fk" FOREIGN KEY ("threads_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_answers_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tips_fk" FOREIGN KEY ("tips_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_votes_fk" FOREIGN KEY ("votes_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reports_fk" FOREIGN KEY ("reports_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_agencies_fk" FOREIGN KEY ("agencies_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_search_queries_fk" FOREIGN KEY ("search_queries_id") REFERENCES "public"."search_queries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_role_idx" ON "users" USING btree ("role");
  CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "procedures_steps_order_idx" ON "procedures_steps" USING btree ("_order");
  CREATE INDEX "procedures_steps_parent_id_idx" ON "procedures_steps" USING btree ("_parent_id");
  CREATE INDEX "procedures_required_documents_order_idx" ON "procedures_required_documents" USING btree ("_order");
  CREATE INDEX "procedures_required_documents_parent_id_idx" ON "procedures_required_documents" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "procedures_slug_idx" ON "procedures" USING btree ("slug");
  CREATE INDEX "procedures_agency_idx" ON "procedures" USING btree ("agency_id");
  CREATE INDEX "procedures_updated_at_idx" ON "procedures" USING btree ("updated_at");
  CREATE INDEX "procedures_created_at_idx" ON "procedures" USING btree ("created_at");
  CREATE UNIQUE INDEX "guides_procedure_idx" ON "guides" USING btree ("procedure_id");
  CREATE INDEX "guides_last_edited_by_idx" ON "guides" USING btree ("last_edited_by_id");
  CREATE INDEX "guides_verified_by_idx" ON "guides" USING btree ("verified_by_id");
  CREATE INDEX "guides_score_idx" ON "guides" USING btree ("score");
  CREATE INDEX "guides_updated_at_idx" ON "guides" USING btree ("updated_at");
  CREATE INDEX "guides_created_at_idx" ON "guides" USING btree ("created_at");
  CREATE INDEX "guides__status_idx" ON "guides" USING btree ("_status");
  CREATE INDEX "_guides_v_parent_idx" ON "_guides_v" USING btree ("parent_id");
  CREATE INDEX "_guides_v_version_version_procedure_idx" ON "_guides_v" USING btree ("version_procedure_id");
  CREATE INDEX "_guides_v_version_version_last_edited_by_idx" ON "_guides_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_guides_v_version_version_verified_by_idx" ON "_guides_v" USING btree ("version_verified_by_id");
  CREATE INDEX "_guides_v_version_version_score_idx" ON "_guides_v" USING btree ("version_score");
  CREATE INDEX "_guides_v_version_version_updated_at_idx" ON "_guides_v" USING btree ("version_updated_at");
  CREATE INDEX "_guides_v_version_version_created_at_idx" ON "_guides_v" USING btree ("version_created_at");
  CREATE INDEX "_guides_v_version_version__status_idx" ON "_guides_v" USING btree ("version__status");
  CREATE INDEX "_guides_v_created_at_idx" ON "_guides_v" USING btree ("created_at");
  CREATE INDEX "_guides_v_updated_at_idx" ON "_guides_v" USING btree ("updated_at");
  CREATE INDEX "_guides_v_latest_idx" ON "_guides_v" USING btree ("latest");
  CREATE INDEX "wiki_pages_sources_order_idx" ON "wiki_pages_sources" USING btree ("_order");
  CREATE INDEX "wiki_pages_sources_parent_id_idx" ON "wiki_pages_sources" USING btree ("_parent_id");
  CREATE INDEX "wiki_pages_sources_answer_idx" ON "wiki_pages_sources" USING btree ("answer_id");
  CREATE INDEX "wiki_pages_sources_tip_idx" ON "wiki_pages_sources" USING btree ("tip_id");
  CREATE INDEX "wiki_pages_sources_contributor_idx" ON "wiki_pages_sources" USING btree ("contributor_id");
  CREATE INDEX "wiki_pages_sources_validated_by_idx" ON "wiki_pages_sources" USING btree ("validated_by_id");
  CREATE UNIQUE INDEX "wiki_pages_slug_idx" ON "wiki_pages" USING btree ("slug");
  CREATE INDEX "wiki_pages_procedure_idx" ON "wiki_pages" USING btree ("procedure_id");
  CREATE INDEX "wiki_pages_updated_at_idx" ON "wiki_pages" USING btree ("updated_at");
  CREATE INDEX "wiki_pages_created_at_idx" ON "wiki_pages" USING btree ("created_at");
  CREATE INDEX "wiki_pages__status_idx" ON "wiki_pages" USING btree ("_status");
  CREATE INDEX "wiki_pages_rels_order_idx" ON "wiki_pages_rels" USING btree ("order");
  CREATE INDEX "wiki_pages_rels_parent_idx" ON "wiki_pages_rels" USING btree ("parent_id");
  CREATE INDEX "wiki_pages_rels_path_idx" ON "wiki_pages_rels" USING btree ("path");
  CREATE INDEX "wiki_pages_rels_users_id_idx" ON "wiki_pages_rels" USING btree ("users_id");
  CREATE INDEX "_wiki_pages_v_version_sources_order_idx" ON "_wiki_pages_v_version_sources" USING btree ("_order");
  CREATE INDEX "_wiki_pages_v_version_sources_parent_id_idx" ON "_wiki_pages_v_version_sources" USING btree ("_parent_id");
  CREATE INDEX "_wiki_pages_v_version_sources_answer_idx" ON "_wiki_pages_v_version_sources" USING btree ("answer_id");
  CREATE INDEX "_wiki_pages_v_version_sources_tip_idx" ON "_wiki_pages_v_version_sources" USING btree ("tip_id");
  CREATE INDEX "_wiki_pages_v_version_sources_contributor_idx" ON "_wiki_pages_v_version_sources" USING btree ("contributor_id");
  CREATE INDEX "_wiki_pages_v_version_sources_validated_by_idx" ON "_wiki_pages_v_version_sources" USING btree ("validated_by_id");
  CREATE INDEX "_wiki_pages_v_parent_idx" ON "_wiki_pages_v" USING btree ("parent_id");
  CREATE INDEX "_wiki_pages_v_version_version_slug_idx" ON "_wiki_pages_v" USING btree ("version_slug");
  CREATE INDEX "_wiki_pages_v_version_version_procedure_idx" ON "_wiki_pages_v" USING btree ("version_procedure_id");
  CREATE INDEX "_wiki_pages_v_version_version_updated_at_idx" ON "_wiki_pages_v" USING btree ("version_updated_at");
  CREATE INDEX "_wiki_pages_v_version_version_created_at_idx" ON "_wiki_pages_v" USING btree ("version_created_at");
  CREATE INDEX "_wiki_pages_v_version_version__status_idx" ON "_wiki_pages_v" USING btree ("version__status");
  CREATE INDEX "_wiki_pages_v_created_at_idx" ON "_wiki_pages_v" USING btree ("created_at");
  CREATE INDEX "_wiki_pages_v_updated_at_idx" ON "_wiki_pages_v" USING btree ("updated_at");
  CREATE INDEX "_wiki_pages_v_latest_idx" ON "_wiki_pages_v" USING btree ("latest");
  CREATE INDEX "_wiki_pages_v_rels_order_idx" ON "_wiki_pages_v_rels" USING btree ("order");
  CREATE INDEX "_wiki_pages_v_rels_parent_idx" ON "_wiki_pages_v_rels" USING btree ("parent_id");
  CREATE INDEX "_wiki_pages_v_rels_path_idx" ON "_wiki_pages_v_rels" USING btree ("path");
  CREATE INDEX "_wiki_pages_v_rels_users_id_idx" ON "_wiki_pages_v_rels" USING btree ("users_id");
  CREATE INDEX "threads_procedure_idx" ON "threads" USING btree ("procedure_id");
  CREATE INDEX "threads_author_idx" ON "threads" USING btree ("author_id");
  CREATE INDEX "threads_visibility_idx" ON "threads" USING btree ("visibility");
  CREATE INDEX "threads_status_idx" ON "threads" USING btree ("status");
  CREATE INDEX "threads_accepted_answer_idx" ON "threads" USING btree ("accepted_answer_id");
  CREATE INDEX "threads_score_idx" ON "threads" USING btree ("score");
  CREATE INDEX "threads_updated_at_idx" ON "threads" USING btree ("updated_at");
  CREATE INDEX "threads_created_at_idx" ON "threads" USING btree ("created_at");
  CREATE INDEX "answers_thread_idx" ON "answers" USING btree ("thread_id");
  CREATE INDEX "answers_procedure_idx" ON "answers" USING btree ("procedure_id");
  CREATE INDEX "answers_author_idx" ON "answers" USING btree ("author_id");
  CREATE INDEX "answers_visibility_idx" ON "answers" USING btree ("visibility");
  CREATE INDEX "answers_is_accepted_idx" ON "answers" USING btree ("is_accepted");
  CREATE INDEX "answers_validated_by_idx" ON "answers" USING btree ("validated_by_id");
  CREATE INDEX "answers_validated_at_idx" ON "answers" USING btree ("validated_at");
  CREATE INDEX "answers_promoted_to_idx" ON "answers" USING btree ("promoted_to_id");
  CREATE INDEX "answers_score_idx" ON "answers" USING btree ("score");
  CREATE INDEX "answers_updated_at_idx" ON "answers" USING btree ("updated_at");
  CREATE INDEX "answers_created_at_idx" ON "answers" USING btree ("created_at");
  CREATE INDEX "tips_procedure_idx" ON "tips" USING btree ("procedure_id");
  CREATE INDEX "tips_author_idx" ON "tips" USING btree ("author_id");
  CREATE INDEX "tips_visibility_idx" ON "tips" USING btree ("visibility");
  CREATE INDEX "tips_validated_by_idx" ON "tips" USING btree ("validated_by_id");
  CREATE INDEX "tips_validated_at_idx" ON "tips" USING btree ("validated_at");
  CREATE INDEX "tips_promoted_to_idx" ON "tips" USING btree ("promoted_to_id");
  CREATE INDEX "tips_score_idx" ON "tips" USING btree ("score");
  CREATE INDEX "tips_updated_at_idx" ON "tips" USING btree ("updated_at");
  CREATE INDEX "tips_created_at_idx" ON "tips" USING btree ("created_at");
  CREATE INDEX "votes_user_idx" ON "votes" USING btree ("user_id");
  CREATE UNIQUE INDEX "votes_key_idx" ON "votes" USING btree ("key");
  CREATE INDEX "votes_target_key_idx" ON "votes" USING btree ("target_key");
  CREATE INDEX "votes_updated_at_idx" ON "votes" USING btree ("updated_at");
  CREATE INDEX "votes_created_at_idx" ON "votes" USING btree ("created_at");
  CREATE INDEX "votes_rels_order_idx" ON "votes_rels" USING btree ("order");
  CREATE INDEX "votes_rels_parent_idx" ON "votes_rels" USING btree ("parent_id");
  CREATE INDEX "votes_rels_path_idx" ON "votes_rels" USING btree ("path");
  CREATE INDEX "votes_rels_answers_id_idx" ON "votes_rels" USING btree ("answers_id");
  CREATE INDEX "votes_rels_tips_id_idx" ON "votes_rels" USING btree ("tips_id");
  CREATE INDEX "votes_rels_threads_id_idx" ON "votes_rels" USING btree ("threads_id");
  CREATE INDEX "votes_rels_guides_id_idx" ON "votes_rels" USING btree ("guides_id");
  CREATE INDEX "reports_target_key_idx" ON "reports" USING btree ("target_key");
  CREATE INDEX "reports_reporter_idx" ON "reports" USING btree ("reporter_id");
  CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status");
  CREATE INDEX "reports_resolved_by_idx" ON "reports" USING btree ("resolved_by_id");
  CREATE INDEX "reports_updated_at_idx" ON "reports" USING btree ("updated_at");
  CREATE INDEX "reports_created_at_idx" ON "reports" USING btree ("created_at");
  CREATE INDEX "reports_rels_order_idx" ON "reports_rels" USING btree ("order");
  CREATE INDEX "reports_rels_parent_idx" ON "reports_rels" USING btree ("parent_id");
  CREATE INDEX "reports_rels_path_idx" ON "reports_rels" USING btree ("path");
  CREATE INDEX "reports_rels_answers_id_idx" ON "reports_rels" USING btree ("answers_id");
  CREATE INDEX "reports_rels_tips_id_idx" ON "reports_rels" USING btree ("tips_id");
  CREATE INDEX "reports_rels_threads_id_idx" ON "reports_rels" USING btree ("threads_id");
  CREATE INDEX "reports_rels_guides_id_idx" ON "reports_rels" USING btree ("guides_id");
  CREATE UNIQUE INDEX "agencies_slug_idx" ON "agencies" USING btree ("slug");
  CREATE INDEX "agencies_updated_at_idx" ON "agencies" USING btree ("updated_at");
  CREATE INDEX "agencies_created_at_idx" ON "agencies" USING btree ("created_at");
  CREATE UNIQUE INDEX "search_queries_query_idx" ON "search_queries" USING btree ("query");
  CREATE INDEX "search_queries_hits_idx" ON "search_queries" USING btree ("hits");
  CREATE INDEX "search_queries_zero_hit_searches_idx" ON "search_queries" USING btree ("zero_hit_searches");
  CREATE INDEX "search_queries_searches_idx" ON "search_queries" USING btree ("searches");
  CREATE INDEX "search_queries_last_searched_at_idx" ON "search_queries" USING btree ("last_searched_at");
  CREATE INDEX "search_queries_updated_at_idx" ON "search_queries" USING btree ("updated_at");
  CREATE INDEX "search_queries_created_at_idx" ON "search_queries" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_procedures_id_idx" ON "payload_locked_documents_rels" USING btree ("procedures_id");
  CREATE INDEX "payload_locked_documents_rels_guides_id_idx" ON "payload_locked_documents_rels" USING btree ("guides_id");
  CREATE INDEX "payload_locked_documents_rels_wiki_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("wiki_pages_id");
  CREATE INDEX "payload_locked_documents_rels_threads_id_idx" ON "payload_locked_documents_rels" USING btree ("threads_id");
  CREATE INDEX "payload_locked_documents_rels_answers_id_idx" ON "payload_locked_documents_rels" USING btree ("answers_id");
  CREATE INDEX "payload_locked_documents_rels_tips_id_idx" ON "payload_locked_documents_rels" USING btree ("tips_id");
  CREATE INDEX "payload_locked_documents_rels_votes_id_idx" ON "payload_locked_documents_rels" USING btree ("votes_id");
  CREATE INDEX "payload_locked_documents_rels_reports_id_idx" ON "payload_locked_documents_rels" USING btree ("reports_id");
  CREATE INDEX "payload_locked_documents_rels_agencies_id_idx" ON "payload_locked_documents_rels" USING btree ("agencies_id");
  CREATE INDEX "payload_locked_documents_rels_search_queries_id_idx" ON "payload_locked_documents_rels" USING btree ("search_queries_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "procedures_steps" CASCADE;
  DROP TABLE "procedures_required_documents" CASCADE;
  DROP TABLE "procedures" CASCADE;
  DROP TABLE "guides" CASCADE;
  DROP TABLE "_guides_v" CASCADE;
  DROP TABLE "wiki_pages_sources" CASCADE;
  DROP TABLE "wiki_pages" CASCADE;
  DROP TABLE "wiki_pages_rels" CASCADE;
  DROP TABLE "_wiki_pages_v_version_sources" CASCADE;
  DROP TABLE "_wiki_pages_v" CASCADE;
  DROP TABLE "_wiki_pages_v_rels" CASCADE;
  DROP TABLE "threads" CASCADE;
  DROP TABLE "answers" CASCADE;
  DROP TABLE "tips" CASCADE;
  DROP TABLE "votes" CASCADE;
  DROP TABLE "votes_rels" CASCADE;
  DROP TABLE "reports" CASCADE;
  DROP TABLE "reports_rels" CASCADE;
  DROP TABLE "agencies" CASCADE;
  DROP TABLE "search_queries" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_guides_status";
  DROP TYPE "public"."enum__guides_v_version_status";
  DROP TYPE "public"."enum_wiki_pages_sources_kind";
  DROP TYPE "public"."enum_wiki_pages_status";
  DROP TYPE "public"."enum__wiki_pages_v_version_sources_kind";
  DROP TYPE "public"."enum__wiki_pages_v_version_status";
  DROP TYPE "public"."enum_threads_visibility";
  DROP TYPE "public"."enum_threads_status";
  DROP TYPE "public"."enum_answers_visibility";
  DROP TYPE "public"."enum_tips_visibility";
  DROP TYPE "public"."enum_reports_reason";
  DROP TYPE "public"."enum_reports_status";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
