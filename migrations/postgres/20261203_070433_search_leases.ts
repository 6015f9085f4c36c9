import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "search_leases" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slot" varchar NOT NULL,
  	"consumer" varchar NOT NULL,
  	"epoch" numeric NOT NULL,
  	"holder" varchar NOT NULL,
  	"position" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE UNIQUE INDEX "search_leases_slot_idx" ON "search_leases" USING btree ("slot");
  CREATE INDEX "search_leases_consumer_idx" ON "search_leases" USING btree ("consumer");
  CREATE INDEX "search_leases_updated_at_idx" ON "search_leases" USING btree ("updated_at");
  CREATE INDEX "search_leases_created_at_idx" ON "search_leases" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "search_leases" CASCADE;`)
}
