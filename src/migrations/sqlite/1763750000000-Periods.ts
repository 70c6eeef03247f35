import { MigrationInterface, QueryRunner } from "typeorm";

export class Periods1763750000000 implements MigrationInterface {
    name = 'Periods1763750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "assessment_period" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(16) NOT NULL, "kind" varchar CHECK( "kind" IN ('YEAR','HALF_YEAR','QUARTER') ) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "status" varchar CHECK( "status" IN ('OPEN','CLOSED') ) NOT NULL DEFAULT ('OPEN'), "rules" text NOT NULL, "closed_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_assessment_period_code" ON "assessment_period" ("code") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_assessment_period_code"`);
        await queryRunner.query(`DROP TABLE "assessment_period"`);
    }

}
