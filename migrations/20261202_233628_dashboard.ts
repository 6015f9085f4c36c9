import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` ADD \`accepted_at\` text;`)
  await db.run(sql`CREATE INDEX \`answers_accepted_at_idx\` ON \`answers\` (\`accepted_at\`);`)
  await db.run(sql`ALTER TABLE \`search_queries\` ADD \`zero_hit_weeks\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`answers_accepted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`accepted_at\`;`)
  await db.run(sql`ALTER TABLE \`search_queries\` DROP COLUMN \`zero_hit_weeks\`;`)
}
