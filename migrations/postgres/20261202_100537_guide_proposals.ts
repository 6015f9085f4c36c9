import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_guide_proposals_status" AS ENUM('pending', 'accepted', 'refused');
  CREATE TABLE "guide_proposals" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"guide_id" integer,
  	"procedure_id" integer,
  	"author_id" integer,
  	"status" "enum_guide_proposals_status" DEFAULT 'pending' NOT NULL,
  	"title" varchar NOT NULL,
  	"body" jsonb,
  	"base_title" varchar,
  	"base_text" varchar,
  	"base_revision" varchar,
  	"review_note" varchar,
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "guide_proposals_id" integer;
  ALTER TABLE "guide_proposals" ADD CONSTRAINT "guide_proposals_guide_id_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."guides"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guide_proposals" ADD CONSTRAINT "guide_proposals_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guide_proposals" ADD CONSTRAINT "guide_proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "guide_proposals" ADD CONSTRAINT "guide_proposals_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "guide_proposals_guide_idx" ON "guide_proposals" USING btree ("guide_id");
  CREATE INDEX "guide_proposals_procedure_idx" ON "guide_proposals" USING btree ("procedure_id");
  CREATE INDEX "guide_proposals_author_idx" ON "guide_proposals" USING btree ("author_id");
  CREATE INDEX "guide_proposals_status_idx" ON "guide_proposals" USING btree ("status");
  CREATE INDEX "guide_proposals_reviewed_by_idx" ON "guide_proposals" USING btree ("reviewed_by_id");
  CREATE INDEX "guide_proposals_updated_at_idx" ON "guide_proposals" USING btree ("updated_at");
  CREATE INDEX "guide_proposals_created_at_idx" ON "guide_proposals" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_guide_proposals_fk" FOREIGN KEY ("guide_proposals_id") REFERENCES "public"."guide_proposals"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_guide_proposals_id_idx" ON "payload_locked_documents_rels" USING btree ("guide_proposals_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "guide_proposals" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "guide_proposals" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_guide_proposals_fk";
  
  DROP INDEX "payload_locked_documents_rels_guide_proposals_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "guide_proposals_id";
  DROP TYPE "public"."enum_guide_proposals_status";`)
}
