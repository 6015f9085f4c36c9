import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`published_contributions\` numeric;`)
  // Each existing account's published questions, answers and tips, as pre-moderation and standing counted them.
  await db.run(sql`UPDATE \`users\` SET \`published_contributions\` =
    (SELECT count(*) FROM \`threads\` WHERE \`threads\`.\`author_id\` = \`users\`.\`id\` AND \`threads\`.\`visibility\` = 'published')
    + (SELECT count(*) FROM \`answers\` WHERE \`answers\`.\`author_id\` = \`users\`.\`id\` AND \`answers\`.\`visibility\` = 'published')
    + (SELECT count(*) FROM \`tips\` WHERE \`tips\`.\`author_id\` = \`users\`.\`id\` AND \`tips\`.\`visibility\` = 'published');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`published_contributions\`;`)
}
