import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`notification_preferences\` ADD \`channels_agency_digest\` text;`)
  await db.run(sql`ALTER TABLE \`notification_preferences\` ADD \`channels_editor_digest\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`notification_preferences\` DROP COLUMN \`channels_agency_digest\`;`)
  await db.run(sql`ALTER TABLE \`notification_preferences\` DROP COLUMN \`channels_editor_digest\`;`)
}
