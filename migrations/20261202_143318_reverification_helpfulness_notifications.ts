import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`helpfulness\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`is_helpful\` integer DEFAULT false,
  	\`reason\` text,
  	\`note\` text,
  	\`key\` text NOT NULL,
  	\`target_key\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`helpfulness_is_helpful_idx\` ON \`helpfulness\` (\`is_helpful\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_reason_idx\` ON \`helpfulness\` (\`reason\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`helpfulness_key_idx\` ON \`helpfulness\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_target_key_idx\` ON \`helpfulness\` (\`target_key\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_updated_at_idx\` ON \`helpfulness\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_created_at_idx\` ON \`helpfulness\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`helpfulness_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`guides_id\` integer,
  	\`wiki_pages_id\` integer,
  	\`answers_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`helpfulness\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guides_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wiki_pages_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_order_idx\` ON \`helpfulness_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_parent_idx\` ON \`helpfulness_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_path_idx\` ON \`helpfulness_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_guides_id_idx\` ON \`helpfulness_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_wiki_pages_id_idx\` ON \`helpfulness_rels\` (\`wiki_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`helpfulness_rels_answers_id_idx\` ON \`helpfulness_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE TABLE \`notifications\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`recipient_id\` integer NOT NULL,
  	\`kind\` text NOT NULL,
  	\`title\` text NOT NULL,
  	\`body\` text,
  	\`note\` text,
  	\`subject_collection\` text NOT NULL,
  	\`subject_id\` text NOT NULL,
  	\`link\` text,
  	\`is_read\` integer DEFAULT false,
  	\`read_at\` text,
  	\`email_status\` text DEFAULT 'none',
  	\`email_error\` text,
  	\`email_sent_at\` text,
  	\`event_key\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`recipient_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`notifications_recipient_idx\` ON \`notifications\` (\`recipient_id\`);`)
  await db.run(sql`CREATE INDEX \`notifications_is_read_idx\` ON \`notifications\` (\`is_read\`);`)
  await db.run(sql`CREATE INDEX \`notifications_email_status_idx\` ON \`notifications\` (\`email_status\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`notifications_event_key_idx\` ON \`notifications\` (\`event_key\`);`)
  await db.run(sql`CREATE INDEX \`notifications_updated_at_idx\` ON \`notifications\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notifications_created_at_idx\` ON \`notifications\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`subscriptions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`user_id\` integer NOT NULL,
  	\`target_collection\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`target_key\` text NOT NULL,
  	\`key\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`subscriptions_user_idx\` ON \`subscriptions\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`subscriptions_target_key_idx\` ON \`subscriptions\` (\`target_key\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscriptions_key_idx\` ON \`subscriptions\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`subscriptions_updated_at_idx\` ON \`subscriptions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriptions_created_at_idx\` ON \`subscriptions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`notification_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`user_id\` integer NOT NULL,
  	\`language\` text,
  	\`channels_answer_posted\` text,
  	\`channels_answer_accepted\` text,
  	\`channels_answer_validated\` text,
  	\`channels_answer_promoted\` text,
  	\`channels_contribution_published\` text,
  	\`channels_contribution_hidden\` text,
  	\`channels_proposal_accepted\` text,
  	\`channels_proposal_refused\` text,
  	\`channels_followed_update\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`notification_preferences_user_idx\` ON \`notification_preferences\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`notification_preferences_updated_at_idx\` ON \`notification_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notification_preferences_created_at_idx\` ON \`notification_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`guides\` ADD \`review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`guides\` ADD \`review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`guides\` ADD \`review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`guides\` ADD \`reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`guides\` ADD \`reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`guides_review_flagged_at_idx\` ON \`guides\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`guides_reverified_by_idx\` ON \`guides\` (\`reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_guides_v\` ADD \`version_review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`_guides_v\` ADD \`version_review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`_guides_v\` ADD \`version_review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`_guides_v\` ADD \`version_reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_guides_v\` ADD \`version_reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_review_flagged_at_idx\` ON \`_guides_v\` (\`version_review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_reverified_by_idx\` ON \`_guides_v\` (\`version_reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`wiki_pages\` ADD \`reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`wiki_pages_needs_review_idx\` ON \`wiki_pages\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_review_flagged_at_idx\` ON \`wiki_pages\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_reverified_by_idx\` ON \`wiki_pages\` (\`reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_needs_review\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_wiki_pages_v\` ADD \`version_reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_needs_review_idx\` ON \`_wiki_pages_v\` (\`version_needs_review\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_review_flagged_at_idx\` ON \`_wiki_pages_v\` (\`version_review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_reverified_by_idx\` ON \`_wiki_pages_v\` (\`version_reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`answers_needs_review_idx\` ON \`answers\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`answers_review_flagged_at_idx\` ON \`answers\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_reverified_by_idx\` ON \`answers\` (\`reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`review_reason\` text;`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`review_changes\` text;`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`review_flagged_at\` text;`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`reverified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`tips\` ADD \`reverified_at\` text;`)
  await db.run(sql`CREATE INDEX \`tips_needs_review_idx\` ON \`tips\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`tips_review_flagged_at_idx\` ON \`tips\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_reverified_by_idx\` ON \`tips\` (\`reverified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
  // SQLite adds a column with its foreign key only by rebuilding the table, as drizzle-kit describes it.
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`procedures_id\` integer,
  	\`guides_id\` integer,
  	\`guide_proposals_id\` integer,
  	\`wiki_pages_id\` integer,
  	\`threads_id\` integer,
  	\`answers_id\` integer,
  	\`tips_id\` integer,
  	\`votes_id\` integer,
  	\`reports_id\` integer,
  	\`agencies_id\` integer,
  	\`search_queries_id\` integer,
  	\`helpfulness_id\` integer,
  	\`notifications_id\` integer,
  	\`subscriptions_id\` integer,
  	\`notification_preferences_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`procedures_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guides_id\`) REFERENCES \`guides\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guide_proposals_id\`) REFERENCES \`guide_proposals\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wiki_pages_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`threads_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`tips_id\`) REFERENCES \`tips\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`votes_id\`) REFERENCES \`votes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`reports_id\`) REFERENCES \`reports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`agencies_id\`) REFERENCES \`agencies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_queries_id\`) REFERENCES \`search_queries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`helpfulness_id\`) REFERENCES \`helpfulness\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscriptions_id\`) REFERENCES \`subscriptions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notification_preferences_id\`) REFERENCES \`notification_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "procedures_id", "guides_id", "guide_proposals_id", "wiki_pages_id", "threads_id", "answers_id", "tips_id", "votes_id", "reports_id", "agencies_id", "search_queries_id") SELECT "id", "order", "parent_id", "path", "users_id", "procedures_id", "guides_id", "guide_proposals_id", "wiki_pages_id", "threads_id", "answers_id", "tips_id", "votes_id", "reports_id", "agencies_id", "search_queries_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_procedures_id_idx\` ON \`payload_locked_documents_rels\` (\`procedures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_guides_id_idx\` ON \`payload_locked_documents_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_guide_proposals_id_idx\` ON \`payload_locked_documents_rels\` (\`guide_proposals_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wiki_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`wiki_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_threads_id_idx\` ON \`payload_locked_documents_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_answers_id_idx\` ON \`payload_locked_documents_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_tips_id_idx\` ON \`payload_locked_documents_rels\` (\`tips_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_votes_id_idx\` ON \`payload_locked_documents_rels\` (\`votes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reports_id_idx\` ON \`payload_locked_documents_rels\` (\`reports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_agencies_id_idx\` ON \`payload_locked_documents_rels\` (\`agencies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_search_queries_id_idx\` ON \`payload_locked_documents_rels\` (\`search_queries_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_helpfulness_id_idx\` ON \`payload_locked_documents_rels\` (\`helpfulness_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscriptions_id_idx\` ON \`payload_locked_documents_rels\` (\`subscriptions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notification_preferences_i_idx\` ON \`payload_locked_documents_rels\` (\`notification_preferences_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`helpfulness\`;`)
  await db.run(sql`DROP TABLE \`helpfulness_rels\`;`)
  await db.run(sql`DROP TABLE \`notifications\`;`)
  await db.run(sql`DROP TABLE \`subscriptions\`;`)
  await db.run(sql`DROP TABLE \`notification_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_guides\` (
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
  await db.run(sql`INSERT INTO \`__new_guides\`("id", "title", "procedure_id", "body", "last_edited_by_id", "verified_by_id", "verified_at", "needs_review", "score", "updated_at", "created_at", "_status") SELECT "id", "title", "procedure_id", "body", "last_edited_by_id", "verified_by_id", "verified_at", "needs_review", "score", "updated_at", "created_at", "_status" FROM \`guides\`;`)
  await db.run(sql`DROP TABLE \`guides\`;`)
  await db.run(sql`ALTER TABLE \`__new_guides\` RENAME TO \`guides\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`guides_procedure_idx\` ON \`guides\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_last_edited_by_idx\` ON \`guides\` (\`last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_verified_by_idx\` ON \`guides\` (\`verified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_score_idx\` ON \`guides\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`guides_updated_at_idx\` ON \`guides\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`guides_created_at_idx\` ON \`guides\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`guides__status_idx\` ON \`guides\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__guides_v\` (
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
  await db.run(sql`INSERT INTO \`__new__guides_v\`("id", "parent_id", "version_title", "version_procedure_id", "version_body", "version_last_edited_by_id", "version_verified_by_id", "version_verified_at", "version_needs_review", "version_score", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_procedure_id", "version_body", "version_last_edited_by_id", "version_verified_by_id", "version_verified_at", "version_needs_review", "version_score", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_guides_v\`;`)
  await db.run(sql`DROP TABLE \`_guides_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__guides_v\` RENAME TO \`_guides_v\`;`)
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
  await db.run(sql`CREATE TABLE \`__new_wiki_pages\` (
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
  await db.run(sql`INSERT INTO \`__new_wiki_pages\`("id", "title", "slug", "procedure_id", "body", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "procedure_id", "body", "updated_at", "created_at", "_status" FROM \`wiki_pages\`;`)
  await db.run(sql`DROP TABLE \`wiki_pages\`;`)
  await db.run(sql`ALTER TABLE \`__new_wiki_pages\` RENAME TO \`wiki_pages\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`wiki_pages_slug_idx\` ON \`wiki_pages\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_procedure_idx\` ON \`wiki_pages\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_updated_at_idx\` ON \`wiki_pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_created_at_idx\` ON \`wiki_pages\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages__status_idx\` ON \`wiki_pages\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__wiki_pages_v\` (
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
  await db.run(sql`INSERT INTO \`__new__wiki_pages_v\`("id", "parent_id", "version_title", "version_slug", "version_procedure_id", "version_body", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_procedure_id", "version_body", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_wiki_pages_v\`;`)
  await db.run(sql`DROP TABLE \`_wiki_pages_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__wiki_pages_v\` RENAME TO \`_wiki_pages_v\`;`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_parent_idx\` ON \`_wiki_pages_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_slug_idx\` ON \`_wiki_pages_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_procedure_idx\` ON \`_wiki_pages_v\` (\`version_procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_updated_at_idx\` ON \`_wiki_pages_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_created_at_idx\` ON \`_wiki_pages_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version__status_idx\` ON \`_wiki_pages_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_created_at_idx\` ON \`_wiki_pages_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_updated_at_idx\` ON \`_wiki_pages_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_latest_idx\` ON \`_wiki_pages_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_answers\` (
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
  await db.run(sql`INSERT INTO \`__new_answers\`("id", "thread_id", "body", "procedure_id", "author_id", "visibility", "moderation_note", "is_accepted", "validated_by_id", "validated_at", "validation_note", "promoted_to_id", "score", "updated_at", "created_at") SELECT "id", "thread_id", "body", "procedure_id", "author_id", "visibility", "moderation_note", "is_accepted", "validated_by_id", "validated_at", "validation_note", "promoted_to_id", "score", "updated_at", "created_at" FROM \`answers\`;`)
  await db.run(sql`DROP TABLE \`answers\`;`)
  await db.run(sql`ALTER TABLE \`__new_answers\` RENAME TO \`answers\`;`)
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
  await db.run(sql`CREATE TABLE \`__new_tips\` (
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
  await db.run(sql`INSERT INTO \`__new_tips\`("id", "body", "procedure_id", "step", "author_id", "visibility", "moderation_note", "validated_by_id", "validated_at", "promoted_to_id", "score", "updated_at", "created_at") SELECT "id", "body", "procedure_id", "step", "author_id", "visibility", "moderation_note", "validated_by_id", "validated_at", "promoted_to_id", "score", "updated_at", "created_at" FROM \`tips\`;`)
  await db.run(sql`DROP TABLE \`tips\`;`)
  await db.run(sql`ALTER TABLE \`__new_tips\` RENAME TO \`tips\`;`)
  await db.run(sql`CREATE INDEX \`tips_procedure_idx\` ON \`tips\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_author_idx\` ON \`tips\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_visibility_idx\` ON \`tips\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_by_idx\` ON \`tips\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_at_idx\` ON \`tips\` (\`validated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_promoted_to_idx\` ON \`tips\` (\`promoted_to_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_score_idx\` ON \`tips\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`tips_updated_at_idx\` ON \`tips\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_created_at_idx\` ON \`tips\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`procedures_id\` integer,
  	\`guides_id\` integer,
  	\`guide_proposals_id\` integer,
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
  	FOREIGN KEY (\`guide_proposals_id\`) REFERENCES \`guide_proposals\`(\`id\`) ON UPDATE no action ON DELETE cascade,
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
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "procedures_id", "guides_id", "guide_proposals_id", "wiki_pages_id", "threads_id", "answers_id", "tips_id", "votes_id", "reports_id", "agencies_id", "search_queries_id") SELECT "id", "order", "parent_id", "path", "users_id", "procedures_id", "guides_id", "guide_proposals_id", "wiki_pages_id", "threads_id", "answers_id", "tips_id", "votes_id", "reports_id", "agencies_id", "search_queries_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_procedures_id_idx\` ON \`payload_locked_documents_rels\` (\`procedures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_guides_id_idx\` ON \`payload_locked_documents_rels\` (\`guides_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_guide_proposals_id_idx\` ON \`payload_locked_documents_rels\` (\`guide_proposals_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wiki_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`wiki_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_threads_id_idx\` ON \`payload_locked_documents_rels\` (\`threads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_answers_id_idx\` ON \`payload_locked_documents_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_tips_id_idx\` ON \`payload_locked_documents_rels\` (\`tips_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_votes_id_idx\` ON \`payload_locked_documents_rels\` (\`votes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reports_id_idx\` ON \`payload_locked_documents_rels\` (\`reports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_agencies_id_idx\` ON \`payload_locked_documents_rels\` (\`agencies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_search_queries_id_idx\` ON \`payload_locked_documents_rels\` (\`search_queries_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
