import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Scores (assessment, evaluation, adjustment, post_assessment) and stored roll-ups
 * (score_rollup, score_rollup_state). Generated, then folded: the tables are created with
 * their foreign keys at once instead of being rebuilt to add them.
 */
export class Assessments1764000000000 implements MigrationInterface {
    name = 'Assessments1764000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "adjustment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "period_id" integer NOT NULL, "subject_type" varchar CHECK( "subject_type" IN ('ORGANIZATION','POST') ) NOT NULL, "subject_id" integer NOT NULL, "type" varchar CHECK( "type" IN ('BONUS','DEDUCTION','VETO') ) NOT NULL, "points_hundredths" integer NOT NULL, "reason" varchar(500) NOT NULL, "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_adjustment_period" FOREIGN KEY ("period_id") REFERENCES "assessment_period" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_adjustment_subject" ON "adjustment" ("period_id", "subject_type", "subject_id") `);
        await queryRunner.query(`CREATE TABLE "assessment" ("period_id" integer NOT NULL, "organization_id" integer NOT NULL, "score_hundredths" integer NOT NULL, "grade" varchar CHECK( "grade" IN ('EXCELLENT','GOOD','FAIR','POOR') ) NOT NULL, "source" varchar CHECK( "source" IN ('COMPUTED','IMPORTED') ) NOT NULL, "provenance" text NOT NULL, "updated_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_assessment_period" FOREIGN KEY ("period_id") REFERENCES "assessment_period" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_assessment_organization" FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("period_id", "organization_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_assessment_organization" ON "assessment" ("organization_id", "period_id") `);
        await queryRunner.query(`CREATE TABLE "evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "period_id" integer NOT NULL, "subject_type" varchar CHECK( "subject_type" IN ('ORGANIZATION','POST') ) NOT NULL, "subject_id" integer NOT NULL, "kind" varchar CHECK( "kind" IN ('SELF','CADRE','COMMITTEE') ) NOT NULL, "score_hundredths" integer, "ballots_excellent" integer, "ballots_good" integer, "ballots_fair" integer, "ballots_poor" integer, "entered_by" varchar(64) NOT NULL, "entered_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_evaluation_period" FOREIGN KEY ("period_id") REFERENCES "assessment_period" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_evaluation_subject_kind" ON "evaluation" ("period_id", "subject_type", "subject_id", "kind") `);
        await queryRunner.query(`CREATE TABLE "post_assessment" ("period_id" integer NOT NULL, "appointment_id" integer NOT NULL, "organization_id" integer NOT NULL, "post_kind" varchar CHECK( "post_kind" IN ('LOCAL_SECRETARY','WORKING_COMMITTEE_SECRETARY','PARTY_GROUP_SECRETARY','PARTY_GROUP_MEMBER','ORGAN_COMMITTEE_SECRETARY','DISCIPLINE_SECRETARY','BRANCH_SECRETARY') ) NOT NULL, "score_hundredths" integer NOT NULL, "grade" varchar CHECK( "grade" IN ('EXCELLENT','GOOD','FAIR','POOR') ) NOT NULL, "source" varchar CHECK( "source" IN ('COMPUTED','IMPORTED') ) NOT NULL, "provenance" text NOT NULL, "updated_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_post_assessment_period" FOREIGN KEY ("period_id") REFERENCES "assessment_period" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_post_assessment_appointment" FOREIGN KEY ("appointment_id") REFERENCES "appointment" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("period_id", "appointment_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_post_assessment_appointment" ON "post_assessment" ("appointment_id") `);
        await queryRunner.query(`CREATE INDEX "idx_post_assessment_organization" ON "post_assessment" ("period_id", "organization_id") `);
        await queryRunner.query(`CREATE TABLE "score_rollup_state" ("period_id" integer PRIMARY KEY NOT NULL, "built_at" varchar(32) NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "score_rollup" ("period_id" integer NOT NULL, "organization_id" integer NOT NULL, "parent_id" integer, "path" varchar(255) NOT NULL, "depth" integer NOT NULL, "kind" varchar CHECK( "kind" IN ('LOCAL_COMMITTEE','WORKING_COMMITTEE','PARTY_GROUP','ORGAN_COMMITTEE','DISCIPLINE_COMMITTEE','GENERAL_BRANCH','BRANCH') ) NOT NULL, "code" varchar(64) NOT NULL, "own_score" integer, "own_grade" varchar CHECK( "own_grade" IN ('EXCELLENT','GOOD','FAIR','POOR') ), "organization_count" integer NOT NULL, "assessed_count" integer NOT NULL, "score_sum" bigint NOT NULL, "min_score" integer, "max_score" integer, "excellent_count" integer NOT NULL, "good_count" integer NOT NULL, "fair_count" integer NOT NULL, "poor_count" integer NOT NULL, "children_assessed_count" integer NOT NULL, "children_score_sum" bigint NOT NULL, "attenuation_key" bigint, "moc_value" bigint, PRIMARY KEY ("period_id", "organization_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_kind_attenuation" ON "score_rollup" ("period_id", "kind", "attenuation_key") `);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_attenuation" ON "score_rollup" ("period_id", "attenuation_key") `);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_kind_score" ON "score_rollup" ("period_id", "kind", "own_score") `);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_own_score" ON "score_rollup" ("period_id", "own_score") `);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_depth" ON "score_rollup" ("period_id", "depth", "path") `);
        await queryRunner.query(`CREATE INDEX "idx_score_rollup_parent" ON "score_rollup" ("period_id", "parent_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_score_rollup_path" ON "score_rollup" ("period_id", "path") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_score_rollup_path"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_parent"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_depth"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_own_score"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_kind_score"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_attenuation"`);
        await queryRunner.query(`DROP INDEX "idx_score_rollup_kind_attenuation"`);
        await queryRunner.query(`DROP TABLE "score_rollup"`);
        await queryRunner.query(`DROP TABLE "score_rollup_state"`);
        await queryRunner.query(`DROP INDEX "idx_post_assessment_organization"`);
        await queryRunner.query(`DROP INDEX "idx_post_assessment_appointment"`);
        await queryRunner.query(`DROP TABLE "post_assessment"`);
        await queryRunner.query(`DROP INDEX "uq_evaluation_subject_kind"`);
        await queryRunner.query(`DROP TABLE "evaluation"`);
        await queryRunner.query(`DROP INDEX "idx_assessment_organization"`);
        await queryRunner.query(`DROP TABLE "assessment"`);
        await queryRunner.query(`DROP INDEX "idx_adjustment_subject"`);
        await queryRunner.query(`DROP TABLE "adjustment"`);
    }

}
