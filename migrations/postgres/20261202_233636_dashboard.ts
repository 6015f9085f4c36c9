import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "answers" ADD COLUMN "accepted_at" timestamp(3) with time zone;
  ALTER TABLE "search_queries" ADD COLUMN "zero_hit_weeks" jsonb;
  CREATE INDEX "answers_accepted_at_idx" ON "answers" USING btree ("accepted_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "answers_accepted_at_idx";
  ALTER TABLE "answers" DROP COLUMN "accepted_at";
  ALTER TABLE "search_queries" DROP COLUMN "zero_hit_weeks";`)
}
