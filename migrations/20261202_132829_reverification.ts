import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
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
  // SQLite cannot add a column with its foreign key in place: the tables that
  // received `reverified_by_id` are rebuilt with it (as drizzle-kit would push them).
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
	\`review_reason\` text,
	\`review_changes\` text,
	\`review_flagged_at\` text,
	\`reverified_by_id\` integer,
	\`reverified_at\` text,
	\`score\` numeric DEFAULT 0,
	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`_status\` text DEFAULT 'draft',
	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`last_edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`verified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new_guides\`("id", "title", "procedure_id", "body", "last_edited_by_id", "verified_by_id", "verified_at", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "score", "updated_at", "created_at", "_status") SELECT "id", "title", "procedure_id", "body", "last_edited_by_id", "verified_by_id", "verified_at", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "score", "updated_at", "created_at", "_status" FROM \`guides\`;`)
  await db.run(sql`DROP TABLE \`guides\`;`)
  await db.run(sql`ALTER TABLE \`__new_guides\` RENAME TO \`guides\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`guides_procedure_idx\` ON \`guides\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_last_edited_by_idx\` ON \`guides\` (\`last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_verified_by_idx\` ON \`guides\` (\`verified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_review_flagged_at_idx\` ON \`guides\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`guides_reverified_by_idx\` ON \`guides\` (\`reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guides_score_idx\` ON \`guides\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`guides_updated_at_idx\` ON \`guides\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`guides_created_at_idx\` ON \`guides\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`guides__status_idx\` ON \`guides\` (\`_status\`);`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
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
	\`version_review_reason\` text,
	\`version_review_changes\` text,
	\`version_review_flagged_at\` text,
	\`version_reverified_by_id\` integer,
	\`version_reverified_at\` text,
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
	FOREIGN KEY (\`version_verified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`version_reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new__guides_v\`("id", "parent_id", "version_title", "version_procedure_id", "version_body", "version_last_edited_by_id", "version_verified_by_id", "version_verified_at", "version_needs_review", "version_review_reason", "version_review_changes", "version_review_flagged_at", "version_reverified_by_id", "version_reverified_at", "version_score", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_procedure_id", "version_body", "version_last_edited_by_id", "version_verified_by_id", "version_verified_at", "version_needs_review", "version_review_reason", "version_review_changes", "version_review_flagged_at", "version_reverified_by_id", "version_reverified_at", "version_score", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_guides_v\`;`)
  await db.run(sql`DROP TABLE \`_guides_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__guides_v\` RENAME TO \`_guides_v\`;`)
  await db.run(sql`CREATE INDEX \`_guides_v_parent_idx\` ON \`_guides_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_procedure_idx\` ON \`_guides_v\` (\`version_procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_last_edited_by_idx\` ON \`_guides_v\` (\`version_last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_verified_by_idx\` ON \`_guides_v\` (\`version_verified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_review_flagged_at_idx\` ON \`_guides_v\` (\`version_review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_reverified_by_idx\` ON \`_guides_v\` (\`version_reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_score_idx\` ON \`_guides_v\` (\`version_score\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_updated_at_idx\` ON \`_guides_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version_created_at_idx\` ON \`_guides_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_version_version__status_idx\` ON \`_guides_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_created_at_idx\` ON \`_guides_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_updated_at_idx\` ON \`_guides_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_guides_v_latest_idx\` ON \`_guides_v\` (\`latest\`);`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_wiki_pages\` (
	\`id\` integer PRIMARY KEY NOT NULL,
	\`title\` text,
	\`slug\` text,
	\`procedure_id\` integer,
	\`body\` text,
	\`needs_review\` integer DEFAULT false,
	\`review_reason\` text,
	\`review_changes\` text,
	\`review_flagged_at\` text,
	\`reverified_by_id\` integer,
	\`reverified_at\` text,
	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`_status\` text DEFAULT 'draft',
	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new_wiki_pages\`("id", "title", "slug", "procedure_id", "body", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "procedure_id", "body", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "updated_at", "created_at", "_status" FROM \`wiki_pages\`;`)
  await db.run(sql`DROP TABLE \`wiki_pages\`;`)
  await db.run(sql`ALTER TABLE \`__new_wiki_pages\` RENAME TO \`wiki_pages\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`wiki_pages_slug_idx\` ON \`wiki_pages\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_procedure_idx\` ON \`wiki_pages\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_needs_review_idx\` ON \`wiki_pages\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_review_flagged_at_idx\` ON \`wiki_pages\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_reverified_by_idx\` ON \`wiki_pages\` (\`reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_updated_at_idx\` ON \`wiki_pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages_created_at_idx\` ON \`wiki_pages\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`wiki_pages__status_idx\` ON \`wiki_pages\` (\`_status\`);`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new__wiki_pages_v\` (
	\`id\` integer PRIMARY KEY NOT NULL,
	\`parent_id\` integer,
	\`version_title\` text,
	\`version_slug\` text,
	\`version_procedure_id\` integer,
	\`version_body\` text,
	\`version_needs_review\` integer DEFAULT false,
	\`version_review_reason\` text,
	\`version_review_changes\` text,
	\`version_review_flagged_at\` text,
	\`version_reverified_by_id\` integer,
	\`version_reverified_at\` text,
	\`version_updated_at\` text,
	\`version_created_at\` text,
	\`version__status\` text DEFAULT 'draft',
	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`latest\` integer,
	FOREIGN KEY (\`parent_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`version_procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`version_reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new__wiki_pages_v\`("id", "parent_id", "version_title", "version_slug", "version_procedure_id", "version_body", "version_needs_review", "version_review_reason", "version_review_changes", "version_review_flagged_at", "version_reverified_by_id", "version_reverified_at", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_procedure_id", "version_body", "version_needs_review", "version_review_reason", "version_review_changes", "version_review_flagged_at", "version_reverified_by_id", "version_reverified_at", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_wiki_pages_v\`;`)
  await db.run(sql`DROP TABLE \`_wiki_pages_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__wiki_pages_v\` RENAME TO \`_wiki_pages_v\`;`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_parent_idx\` ON \`_wiki_pages_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_slug_idx\` ON \`_wiki_pages_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_procedure_idx\` ON \`_wiki_pages_v\` (\`version_procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_needs_review_idx\` ON \`_wiki_pages_v\` (\`version_needs_review\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_review_flagged_at_idx\` ON \`_wiki_pages_v\` (\`version_review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_reverified_by_idx\` ON \`_wiki_pages_v\` (\`version_reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_updated_at_idx\` ON \`_wiki_pages_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version_created_at_idx\` ON \`_wiki_pages_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_version_version__status_idx\` ON \`_wiki_pages_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_created_at_idx\` ON \`_wiki_pages_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_updated_at_idx\` ON \`_wiki_pages_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_wiki_pages_v_latest_idx\` ON \`_wiki_pages_v\` (\`latest\`);`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
	\`needs_review\` integer DEFAULT false,
	\`review_reason\` text,
	\`review_changes\` text,
	\`review_flagged_at\` text,
	\`reverified_by_id\` integer,
	\`reverified_at\` text,
	\`promoted_to_id\` integer,
	\`score\` numeric DEFAULT 0,
	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (\`thread_id\`) REFERENCES \`threads\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`promoted_to_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new_answers\`("id", "thread_id", "body", "procedure_id", "author_id", "visibility", "moderation_note", "is_accepted", "validated_by_id", "validated_at", "validation_note", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "promoted_to_id", "score", "updated_at", "created_at") SELECT "id", "thread_id", "body", "procedure_id", "author_id", "visibility", "moderation_note", "is_accepted", "validated_by_id", "validated_at", "validation_note", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "promoted_to_id", "score", "updated_at", "created_at" FROM \`answers\`;`)
  await db.run(sql`DROP TABLE \`answers\`;`)
  await db.run(sql`ALTER TABLE \`__new_answers\` RENAME TO \`answers\`;`)
  await db.run(sql`CREATE INDEX \`answers_thread_idx\` ON \`answers\` (\`thread_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_procedure_idx\` ON \`answers\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_author_idx\` ON \`answers\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_visibility_idx\` ON \`answers\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`answers_is_accepted_idx\` ON \`answers\` (\`is_accepted\`);`)
  await db.run(sql`CREATE INDEX \`answers_validated_by_idx\` ON \`answers\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_validated_at_idx\` ON \`answers\` (\`validated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_needs_review_idx\` ON \`answers\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`answers_review_flagged_at_idx\` ON \`answers\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_reverified_by_idx\` ON \`answers\` (\`reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_promoted_to_idx\` ON \`answers\` (\`promoted_to_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_score_idx\` ON \`answers\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`answers_updated_at_idx\` ON \`answers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_created_at_idx\` ON \`answers\` (\`created_at\`);`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
	\`needs_review\` integer DEFAULT false,
	\`review_reason\` text,
	\`review_changes\` text,
	\`review_flagged_at\` text,
	\`reverified_by_id\` integer,
	\`reverified_at\` text,
	\`promoted_to_id\` integer,
	\`score\` numeric DEFAULT 0,
	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (\`procedure_id\`) REFERENCES \`procedures\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`validated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`reverified_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (\`promoted_to_id\`) REFERENCES \`wiki_pages\`(\`id\`) ON UPDATE no action ON DELETE set null
);
`)
  await db.run(sql`INSERT INTO \`__new_tips\`("id", "body", "procedure_id", "step", "author_id", "visibility", "moderation_note", "validated_by_id", "validated_at", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "promoted_to_id", "score", "updated_at", "created_at") SELECT "id", "body", "procedure_id", "step", "author_id", "visibility", "moderation_note", "validated_by_id", "validated_at", "needs_review", "review_reason", "review_changes", "review_flagged_at", "reverified_by_id", "reverified_at", "promoted_to_id", "score", "updated_at", "created_at" FROM \`tips\`;`)
  await db.run(sql`DROP TABLE \`tips\`;`)
  await db.run(sql`ALTER TABLE \`__new_tips\` RENAME TO \`tips\`;`)
  await db.run(sql`CREATE INDEX \`tips_procedure_idx\` ON \`tips\` (\`procedure_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_author_idx\` ON \`tips\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_visibility_idx\` ON \`tips\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_by_idx\` ON \`tips\` (\`validated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_validated_at_idx\` ON \`tips\` (\`validated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_needs_review_idx\` ON \`tips\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`tips_review_flagged_at_idx\` ON \`tips\` (\`review_flagged_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_reverified_by_idx\` ON \`tips\` (\`reverified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_promoted_to_idx\` ON \`tips\` (\`promoted_to_id\`);`)
  await db.run(sql`CREATE INDEX \`tips_score_idx\` ON \`tips\` (\`score\`);`)
  await db.run(sql`CREATE INDEX \`tips_updated_at_idx\` ON \`tips\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`tips_created_at_idx\` ON \`tips\` (\`created_at\`);`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
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
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
