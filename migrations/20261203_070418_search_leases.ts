import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`search_leases\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slot\` text NOT NULL,
  	\`consumer\` text NOT NULL,
  	\`epoch\` numeric NOT NULL,
  	\`holder\` text NOT NULL,
  	\`position\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`search_leases_slot_idx\` ON \`search_leases\` (\`slot\`);`)
  await db.run(sql`CREATE INDEX \`search_leases_consumer_idx\` ON \`search_leases\` (\`consumer\`);`)
  await db.run(sql`CREATE INDEX \`search_leases_updated_at_idx\` ON \`search_leases\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`search_leases_created_at_idx\` ON \`search_leases\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`search_leases\`;`)
}
