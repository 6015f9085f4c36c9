import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_helpfulness_reason" AS ENUM('out-of-date', 'unclear', 'did-not-answer', 'other');
  CREATE TABLE "helpfulness" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"is_helpful" boolean DEFAULT false,
  	"reason" "enum_helpfulness_reason",
  	"note" varchar,
  	"key" varchar NOT NULL,
  	"target_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "helpfulness_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"guides_id" integer,
  	"wiki_pages_id" integer,
  	"answers_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "helpfulness_id" integer;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."helpfulness"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_guides_fk" FOREIGN KEY ("guides_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_wiki_pages_fk" FOREIGN KEY ("wiki_pages_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "helpfulness_rels" ADD CONSTRAINT "helpfulness_rels_answers_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "helpfulness_is_helpful_idx" ON "helpfulness" USING btree ("is_helpful");
  CREATE INDEX "helpfulness_reason_idx" ON "helpfulness" USING btree ("reason");
  CREATE UNIQUE INDEX "helpfulness_key_idx" ON "helpfulness" USING btree ("key");
  CREATE INDEX "helpfulness_target_key_idx" ON "helpfulness" USING btree ("target_key");
  CREATE INDEX "helpfulness_updated_at_idx" ON "helpfulness" USING btree ("updated_at");
  CREATE INDEX "helpfulness_created_at_idx" ON "helpfulness" USING btree ("created_at");
  CREATE INDEX "helpfulness_rels_order_idx" ON "helpfulness_rels" USING btree ("order");
  CREATE INDEX "helpfulness_rels_parent_idx" ON "helpfulness_rels" USING btree ("parent_id");
  CREATE INDEX "helpfulness_rels_path_idx" ON "helpfulness_rels" USING btree ("path");
  CREATE INDEX "helpfulness_rels_guides_id_idx" ON "helpfulness_rels" USING btree ("guides_id");
  CREATE INDEX "helpfulness_rels_wiki_pages_id_idx" ON "helpfulness_rels" USING btree ("wiki_pages_id");
  CREATE INDEX "helpfulness_rels_answers_id_idx" ON "helpfulness_rels" USING btree ("answers_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_helpfulness_fk" FOREIGN KEY ("helpfulness_id") REFERENCES "public"."helpfulness"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_helpfulness_id_idx" ON "payload_locked_documents_rels" USING btree ("helpfulness_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "helpfulness" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "helpfulness_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "helpfulness" CASCADE;
  DROP TABLE "helpfulness_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_helpfulness_fk";
  
  DROP INDEX "payload_locked_documents_rels_helpfulness_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "helpfulness_id";
  DROP TYPE "public"."enum_helpfulness_reason";`)
}
