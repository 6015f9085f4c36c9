import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`display_name\` text NOT NULL,
  	\`role\` text DEFAULT 'citizen' NOT NULL,
  	\`agency_id\` integer,
  	\`reputation\` numeric DEFAULT 0,
  	\`is_suspended\` integer DEFAULT false,
  	\`suspension_reason\` text,
  	\`is_community_account\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text,
  	FOREIGN KEY (\`agency_id\`) REFERENCES \`agencies\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`users_role_idx\` ON \`users\` (\`role\`);`)
  await db.run(sql`CREATE INDEX \`users_agency_idx\` ON \`users\` (\`agency_id\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`procedures_steps\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`description\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`procedures_steps_order_idx\` ON \`procedures_steps\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`procedures_steps_parent_id_idx\` ON \`procedures_steps\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`procedures_required_documents\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`document\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`procedures_required_documents_order_idx\` ON \`procedures_required_documents\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`procedures_required_documents_parent_id_idx\` ON \`procedures_required_documents\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`procedures\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`summary\` text,
  	\`agency_id\` integer NOT NULL,
  	\`official_url\` text,
  	\`cost\` text,
  	\`delay\` text,
  	\`last_official_change\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`agency_id\`) REFERENCES \`agencies\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`procedures_slug_idx\` ON \`procedures\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`procedures_agency_idx\` ON \`procedures\` (\`agency_id\`);`)
  await db.run(sql`CREATE INDEX \`procedures_updated_at_idx\` ON \`procedures\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`procedures_created_at_idx\` ON \`procedures\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`guides\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`procedure_id\` integer,
  	\`body\` text,
  	\`last_edited_by_id\` integer,
  	\`verified_by_id\` integer,
  	\`verified_at\` text,
  	\`needs_review\` integer DEFAULT false,
  	\`score\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`last_edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`verified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`guides_procedure_idx\` ON \`guides\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_last_edited_by_idx\` ON \`guides\` (\`last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_verified_by_idx\` ON \`guides\` (\`verified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_score_idx\` ON \`guides\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`guides_updated_at_idx\` ON \`guides\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`guides_created_at_idx\` ON \`guides\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`guides__status_idx\` ON \`guides\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_guides_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_procedure_id\` integer,
  	\`version_body\` text,
  	\`version_last_edited_by_id\` integer,
  	\`version_verified_by_id\` integer,
  	\`version_verified_at\` text,
  	\`version_needs_review\` integer DEFAULT false,
  	\`version_score\` numeric DEFAULT 0,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_last_edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_verified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_guides_v_parent_idx\` ON \`_guides_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_procedure_idx\` ON \`_guides_v\` (\`version_procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_last_edited_by_idx\` ON \`_guides_v\` (\`version_last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_verified_by_idx\` ON \`_guides_v\` (\`version_verified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_score_idx\` ON \`_guides_v\` (\`version_score\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_updated_at_idx\` ON \`_guides_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_created_at_idx\` ON \`_guides_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version__status_idx\` ON \`_guides_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_created_at_idx\` ON \`_guides_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_updated_at_idx\` ON \`_guides_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_latest_idx\` ON \`_guides_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`wiki_pages_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text,
  	\`answer_id\` integer,
  	\`tip_id\` integer,
  	\`contributor_id\` integer,
  	\`validated_by_id\` integer,
  	\`validated_at\` text,
  	FOREIGN KEY (\`answer_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`tip_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`contributor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_order_idx\` ON \`wiki_pages_sources\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_parent_id_idx\` ON \`wiki_pages_sources\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_answer_idx\` ON \`wiki_pages_sources\` (\`answer_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_tip_idx\` ON \`wiki_pages_sources\` (\`tip_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_contributor_idx\` ON \`wiki_pages_sources\` (\`contributor_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_sources_validated_by_idx\` ON \`wiki_pages_sources\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE TABLE \`wiki_pages\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`procedure_id\` integer,
  	\`body\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`wiki_pages_slug_idx\` ON \`wiki_pages\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_procedure_idx\` ON \`wiki_pages\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_updated_at_idx\` ON \`wiki_pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_created_at_idx\` ON \`wiki_pages\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages__status_idx\` ON \`wiki_pages\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`wiki_pages_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wiki_pages_rels_order_idx\` ON \`wiki_pages_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_rels_parent_idx\` ON \`wiki_pages_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_rels_path_idx\` ON \`wiki_pages_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_rels_users_id_idx\` ON \`wiki_pages_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`_wiki_pages_v_version_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`kind\` text,
  	\`answer_id\` integer,
  	\`tip_id\` integer,
  	\`contributor_id\` integer,
  	\`validated_by_id\` integer,
  	\`validated_at\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`answer_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`tip_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`contributor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_wiki_pages_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_order_idx\` ON \`_wiki_pages_v_version_sources\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_parent_id_idx\` ON \`_wiki_pages_v_version_sources\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_answer_idx\` ON \`_wiki_pages_v_version_sources\` (\`answer_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_tip_idx\` ON \`_wiki_pages_v_version_sources\` (\`tip_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_contributor_idx\` ON \`_wiki_pages_v_version_sources\` (\`contributor_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_sources_validated_by_idx\` ON \`_wiki_pages_v_version_sources\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE TABLE \`_wiki_pages_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_procedure_id\` integer,
  	\`version_body\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_parent_idx\` ON \`_wiki_pages_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_slug_idx\` ON \`_wiki_pages_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_procedure_idx\` ON \`_wiki_pages_v\` (\`version_procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_updated_at_idx\` ON \`_wiki_pages_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_created_at_idx\` ON \`_wiki_pages_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version__status_idx\` ON \`_wiki_pages_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_created_at_idx\` ON \`_wiki_pages_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_updated_at_idx\` ON \`_wiki_pages_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_latest_idx\` ON \`_wiki_pages_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`_wiki_pages_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_wiki_pages_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_rels_order_idx\` ON \`_wiki_pages_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_rels_parent_idx\` ON \`_wiki_pages_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_rels_path_idx\` ON \`_wiki_pages_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_rels_users_id_idx\` ON \`_wiki_pages_v_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`threads\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`body\` text NOT NULL,
  	\`procedure_id\` integer NOT NULL,
  	\`step\` numeric,
  	\`author_id\` integer,
  	\`visibility\` text DEFAULT 'published' NOT NULL,
  	\`moderation_note\` text,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`accepted_answer_id\` integer,
  	\`score\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`accepted_answer_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`threads_procedure_idx\` ON \`threads\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_author_idx\` ON \`threads\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_visibility_idx\` ON \`threads\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`threads_status_idx\` ON \`threads\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`threads_accepted_answer_idx\` ON \`threads\` (\`accepted_answer_id\`);`)
  await db.run(sql`CREATE INDEX \`threads_score_idx\` ON \`threads\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`threads_updated_at_idx\` ON \`threads\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`threads_created_at_idx\` ON \`threads\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`answers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`thread_id\` integer NOT NULL,
  	\`body\` text NOT NULL,
  	\`procedure_id\` integer,
  	\`author_id\` integer,
  	\`visibility\` text DEFAULT 'published' NOT NULL,
  	\`moderation_note\` text,
  	\`is_accepted\` integer DEFAULT false,
  	\`validated_by_id\` integer,
  	\`validated_at\` text,
  	\`validation_note\` text,
  	\`promoted_to_id\` integer,
  	\`score\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`thread_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`promoted_to_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_thread_idx\` ON \`answers\` (\`thread_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_procedure_idx\` ON \`answers\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_author_idx\` ON \`answers\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_visibility_idx\` ON \`answers\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`answers_is_accepted_idx\` ON \`answers\` (\`is_accepted\`);`)
  await db.run(sql`CREATE INDEX \`answers_validated_by_idx\` ON \`answers\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_validated_at_idx\` ON \`answers\` (\`validated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_promoted_to_idx\` ON \`answers\` (\`promoted_to_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_score_idx\` ON \`answers\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`answers_updated_at_idx\` ON \`answers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_created_at_idx\` ON \`answers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`tips\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`body\` text NOT NULL,
  	\`procedure_id\` integer NOT NULL,
  	\`step\` numeric,
  	\`author_id\` integer,
  	\`visibility\` text DEFAULT 'published' NOT NULL,
  	\`moderation_note\` text,
  	\`validated_by_id\` integer,
  	\`validated_at\` text,
  	\`promoted_to_id\` integer,
  	\`score\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`promoted_to_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`tips_procedure_idx\` ON \`tips\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_author_idx\` ON \`tips\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_visibility_idx\` ON \`tips\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_by_idx\` ON \`tips\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_at_idx\` ON \`tips\` (\`validated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_promoted_to_idx\` ON \`tips\` (\`promoted_to_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_score_idx\` ON \`tips\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`tips_updated_at_idx\` ON \`tips\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_created_at_idx\` ON \`tips\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`votes\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`user_id\` integer NOT NULL,
  	\`value\` numeric NOT NULL,
  	\`key\` text NOT NULL,
  	\`target_key\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`votes_user_idx\` ON \`votes\` (\`user_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`votes_key_idx\` ON \`votes\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`votes_target_key_idx\` ON \`votes\` (\`target_key\`);`)
  await db.run(sql`CREATE INDEX \`votes_updated_at_idx\` ON \`votes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`votes_created_at_idx\` ON \`votes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`votes_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`answers_id\` integer,
  	\`tips_id\` integer,
  	\`threads_id\` integer,
  	\`guides_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`votes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`tips_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`threads_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guides_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`votes_rels_order_idx\` ON \`votes_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_parent_idx\` ON \`votes_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_path_idx\` ON \`votes_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_answers_id_idx\` ON \`votes_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_tips_id_idx\` ON \`votes_rels\` (\`tips_id\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_threads_id_idx\` ON \`votes_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`votes_rels_guides_id_idx\` ON \`votes_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE TABLE \`reports\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`target_key\` text NOT NULL,
  	\`reason\` text NOT NULL,
  	\`note\` text,
  	\`reporter_id\` integer,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`resolved_by_id\` integer,
  	\`resolved_at\` text,
  	\`resolution\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`reporter_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`resolved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`reports_target_key_idx\` ON \`reports\` (\`target_key\`);`)
  await db.run(sql`CREATE INDEX \`reports_reporter_idx\` ON \`reports\` (\`reporter_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_status_idx\` ON \`reports\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`reports_resolved_by_idx\` ON \`reports\` (\`resolved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_updated_at_idx\` ON \`reports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`reports_created_at_idx\` ON \`reports\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`reports_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`answers_id\` integer,
  	\`tips_id\` integer,
  	\`threads_id\` integer,
  	\`guides_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`reports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`tips_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`threads_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guides_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`reports_rels_order_idx\` ON \`reports_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_parent_idx\` ON \`reports_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_path_idx\` ON \`reports_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_answers_id_idx\` ON \`reports_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_tips_id_idx\` ON \`reports_rels\` (\`tips_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_threads_id_idx\` ON \`reports_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_rels_guides_id_idx\` ON \`reports_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE TABLE \`agencies\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`website\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`agencies_slug_idx\` ON \`agencies\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`agencies_updated_at_idx\` ON \`agencies\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`agencies_created_at_idx\` ON \`agencies\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`search_queries\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`query\` text NOT NULL,
  	\`hits\` numeric DEFAULT 0 NOT NULL,
  	\`zero_hit_searches\` numeric DEFAULT 0 NOT NULL,
  	\`searches\` numeric DEFAULT 0 NOT NULL,
  	\`last_searched_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`search_queries_query_idx\` ON \`search_queries\` (\`query\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_hits_idx\` ON \`search_queries\` (\`hits\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_zero_hit_searches_idx\` ON \`search_queries\` (\`zero_hit_searches\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_searches_idx\` ON \`search_queries\` (\`searches\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_last_searched_at_idx\` ON \`search_queries\` (\`last_searched_at\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_updated_at_idx\` ON \`search_queries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`search_queries_created_at_idx\` ON \`search_queries\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`procedures_id\` integer,
  	\`guides_id\` integer,
  	\`wiki_pages_id\` integer,
  	\`threads_id\` integer,
  	\`answers_id\` integer,
  	\`tips_id\` integer,
  	\`votes_id\` integer,
  	\`reports_id\` integer,
  	\`agencies_id\` integer,
  	\`search_queries_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`procedures_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guides_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wiki_pages_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`threads_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`tips_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`votes_id\`) REFERENCES \`votes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`reports_id\`) REFERENCES \`reports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`agencies_id\`) REFERENCES \`agencies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_queries_id\`) REFERENCES \`search_queries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_procedures_id_idx\` ON \`payload_locked_documents_rels\` (\`procedures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_guides_id_idx\` ON \`payload_locked_documents_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wiki_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`wiki_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_threads_id_idx\` ON \`payload_locked_documents_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_answers_id_idx\` ON \`payload_locked_documents_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_tips_id_idx\` ON \`payload_locked_documents_rels\` (\`tips_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_votes_id_idx\` ON \`payload_locked_documents_rels\` (\`votes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reports_id_idx\` ON \`payload_locked_documents_rels\` (\`reports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_agencies_id_idx\` ON \`payload_locked_documents_rels\` (\`agencies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_search_queries_id_idx\` ON \`payload_locked_documents_rels\` (\`search_queries_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`procedures_steps\`;`)
  await db.run(sql`DROP TABLE \`procedures_required_documents\`;`)
  await db.run(sql`DROP TABLE \`procedures\`;`)
  await db.run(sql`DROP TABLE \`guides\`;`)
  await db.run(sql`DROP TABLE \`_guides_v\`;`)
  await db.run(sql`DROP TABLE \`wiki_pages_sources\`;`)
  await db.run(sql`DROP TABLE \`wiki_pages\`;`)
  await db.run(sql`DROP TABLE \`wiki_pages_rels\`;`)
  await db.run(sql`DROP TABLE \`_wiki_pages_v_version_sources\`;`)
  await db.run(sql`DROP TABLE \`_wiki_pages_v\`;`)
  await db.run(sql`DROP TABLE \`_wiki_pages_v_rels\`;`)
  await db.run(sql`DROP TABLE \`threads\`;`)
  await db.run(sql`DROP TABLE \`answers\`;`)
  await db.run(sql`DROP TABLE \`tips\`;`)
  await db.run(sql`DROP TABLE \`votes\`;`)
  await db.run(sql`DROP TABLE \`votes_rels\`;`)
  await db.run(sql`DROP TABLE \`reports\`;`)
  await db.run(sql`DROP TABLE \`reports_rels\`;`)
  await db.run(sql`DROP TABLE \`agencies\`;`)
  await db.run(sql`DROP TABLE \`search_queries\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
