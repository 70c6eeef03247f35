import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1763700000000 implements MigrationInterface {
    name = 'Init1763700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "id_sequence" ("name" varchar(64) PRIMARY KEY NOT NULL, "next_value" integer NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "organization" ("id" integer PRIMARY KEY NOT NULL, "code" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar CHECK( "kind" IN ('LOCAL_COMMITTEE','WORKING_COMMITTEE','PARTY_GROUP','ORGAN_COMMITTEE','DISCIPLINE_COMMITTEE','GENERAL_BRANCH','BRANCH') ) NOT NULL, "level" varchar CHECK( "level" IN ('NATIONAL','PROVINCE','CITY','COUNTY') ) NOT NULL, "region_code" varchar(6) NOT NULL, "member_count" integer NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('ACTIVE','DISSOLVED') ) NOT NULL DEFAULT ('ACTIVE'), "parent_id" integer, "path" varchar(255) NOT NULL, "depth" integer NOT NULL, "dissolved_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_organization_parent" FOREIGN KEY ("parent_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_organization_code" ON "organization" ("code") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_organization_path" ON "organization" ("path") `);
        await queryRunner.query(`CREATE INDEX "idx_organization_region_code" ON "organization" ("region_code", "code") `);
        await queryRunner.query(`CREATE INDEX "idx_organization_kind_code" ON "organization" ("kind", "code") `);
        await queryRunner.query(`CREATE INDEX "idx_organization_parent_code" ON "organization" ("parent_id", "code") `);
        await queryRunner.query(`INSERT INTO "id_sequence" ("name", "next_value") VALUES ('organization', 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "organization"`);
        await queryRunner.query(`DROP TABLE "id_sequence"`);
    }

}
