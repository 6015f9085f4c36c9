import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "suggestion_finds" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"target" varchar NOT NULL,
  	"procedure_id" integer,
  	"title" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "suggestion_finds_id" integer;
  ALTER TABLE "suggestion_finds" ADD CONSTRAINT "suggestion_finds_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "suggestion_finds_target_idx" ON "suggestion_finds" USING btree ("target");
  CREATE INDEX "suggestion_finds_procedure_idx" ON "suggestion_finds" USING btree ("procedure_id");
  CREATE INDEX "suggestion_finds_updated_at_idx" ON "suggestion_finds" USING btree ("updated_at");
  CREATE INDEX "suggestion_finds_created_at_idx" ON "suggestion_finds" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_suggestion_finds_fk" FOREIGN KEY ("suggestion_finds_id") REFERENCES "public"."suggestion_finds"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_suggestion_finds_id_idx" ON "payload_locked_documents_rels" USING btree ("suggestion_finds_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "suggestion_finds" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "suggestion_finds" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_suggestion_finds_fk";
  
  DROP INDEX "payload_locked_documents_rels_suggestion_finds_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "suggestion_finds_id";`)
}
