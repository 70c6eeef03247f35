import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Scores (assessment, evaluation, adjustment, post_assessment) and stored roll-ups
 * (score_rollup, score_rollup_state). score_rollup copies the organisation's path and code,
 * with the same binary collations as `organization` (ascii_bin, utf8mb4_bin): subtree
 * ranges and "ties by code" orders compare bytes.
 */
export class Assessments1764000000000 implements MigrationInterface {
    name = 'Assessments1764000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`adjustment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`period_id\` int NOT NULL, \`subject_type\` enum ('ORGANIZATION', 'POST') NOT NULL, \`subject_id\` int NOT NULL, \`type\` enum ('BONUS', 'DEDUCTION', 'VETO') NOT NULL, \`points_hundredths\` int NOT NULL, \`reason\` varchar(500) NOT NULL, \`created_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_adjustment_subject\` (\`period_id\`, \`subject_type\`, \`subject_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`assessment\` (\`period_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`score_hundredths\` int NOT NULL, \`grade\` enum ('EXCELLENT', 'GOOD', 'FAIR', 'POOR') NOT NULL, \`source\` enum ('COMPUTED', 'IMPORTED') NOT NULL, \`provenance\` text NOT NULL, \`updated_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_assessment_organization\` (\`organization_id\`, \`period_id\`), PRIMARY KEY (\`period_id\`, \`organization_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`evaluation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`period_id\` int NOT NULL, \`subject_type\` enum ('ORGANIZATION', 'POST') NOT NULL, \`subject_id\` int NOT NULL, \`kind\` enum ('SELF', 'CADRE', 'COMMITTEE') NOT NULL, \`score_hundredths\` int NULL, \`ballots_excellent\` int NULL, \`ballots_good\` int NULL, \`ballots_fair\` int NULL, \`ballots_poor\` int NULL, \`entered_by\` varchar(64) NOT NULL, \`entered_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_evaluation_subject_kind\` (\`period_id\`, \`subject_type\`, \`subject_id\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`post_assessment\` (\`period_id\` int NOT NULL, \`appointment_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`post_kind\` enum ('LOCAL_SECRETARY', 'WORKING_COMMITTEE_SECRETARY', 'PARTY_GROUP_SECRETARY', 'PARTY_GROUP_MEMBER', 'ORGAN_COMMITTEE_SECRETARY', 'DISCIPLINE_SECRETARY', 'BRANCH_SECRETARY') NOT NULL, \`score_hundredths\` int NOT NULL, \`grade\` enum ('EXCELLENT', 'GOOD', 'FAIR', 'POOR') NOT NULL, \`source\` enum ('COMPUTED', 'IMPORTED') NOT NULL, \`provenance\` text NOT NULL, \`updated_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_post_assessment_appointment\` (\`appointment_id\`), INDEX \`idx_post_assessment_organization\` (\`period_id\`, \`organization_id\`), PRIMARY KEY (\`period_id\`, \`appointment_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`score_rollup_state\` (\`period_id\` int NOT NULL, \`built_at\` varchar(32) NOT NULL, PRIMARY KEY (\`period_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`score_rollup\` (\`period_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`parent_id\` int NULL, \`path\` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, \`depth\` int NOT NULL, \`kind\` enum ('LOCAL_COMMITTEE', 'WORKING_COMMITTEE', 'PARTY_GROUP', 'ORGAN_COMMITTEE', 'DISCIPLINE_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH') NOT NULL, \`code\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`own_score\` int NULL, \`own_grade\` enum ('EXCELLENT', 'GOOD', 'FAIR', 'POOR') NULL, \`organization_count\` int NOT NULL, \`assessed_count\` int NOT NULL, \`score_sum\` bigint NOT NULL, \`min_score\` int NULL, \`max_score\` int NULL, \`excellent_count\` int NOT NULL, \`good_count\` int NOT NULL, \`fair_count\` int NOT NULL, \`poor_count\` int NOT NULL, \`children_assessed_count\` int NOT NULL, \`children_score_sum\` bigint NOT NULL, \`attenuation_key\` bigint NULL, \`moc_value\` bigint NULL, INDEX \`idx_score_rollup_kind_attenuation\` (\`period_id\`, \`kind\`, \`attenuation_key\`), INDEX \`idx_score_rollup_attenuation\` (\`period_id\`, \`attenuation_key\`), INDEX \`idx_score_rollup_kind_score\` (\`period_id\`, \`kind\`, \`own_score\`), INDEX \`idx_score_rollup_own_score\` (\`period_id\`, \`own_score\`), INDEX \`idx_score_rollup_depth\` (\`period_id\`, \`depth\`, \`path\`), INDEX \`idx_score_rollup_parent\` (\`period_id\`, \`parent_id\`), UNIQUE INDEX \`uq_score_rollup_path\` (\`period_id\`, \`path\`), PRIMARY KEY (\`period_id\`, \`organization_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`adjustment\` ADD CONSTRAINT \`fk_adjustment_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`assessment\` ADD CONSTRAINT \`fk_assessment_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`assessment\` ADD CONSTRAINT \`fk_assessment_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`evaluation\` ADD CONSTRAINT \`fk_evaluation_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`post_assessment\` ADD CONSTRAINT \`fk_post_assessment_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`post_assessment\` ADD CONSTRAINT \`fk_post_assessment_appointment\` FOREIGN KEY (\`appointment_id\`) REFERENCES \`appointment\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`post_assessment\` DROP FOREIGN KEY \`fk_post_assessment_appointment\``);
        await queryRunner.query(`ALTER TABLE \`post_assessment\` DROP FOREIGN KEY \`fk_post_assessment_period\``);
        await queryRunner.query(`ALTER TABLE \`evaluation\` DROP FOREIGN KEY \`fk_evaluation_period\``);
        await queryRunner.query(`ALTER TABLE \`assessment\` DROP FOREIGN KEY \`fk_assessment_organization\``);
        await queryRunner.query(`ALTER TABLE \`assessment\` DROP FOREIGN KEY \`fk_assessment_period\``);
        await queryRunner.query(`ALTER TABLE \`adjustment\` DROP FOREIGN KEY \`fk_adjustment_period\``);
        await queryRunner.query(`DROP INDEX \`uq_score_rollup_path\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_parent\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_depth\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_own_score\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_kind_score\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_attenuation\` ON \`score_rollup\``);
        await queryRunner.query(`DROP INDEX \`idx_score_rollup_kind_attenuation\` ON \`score_rollup\``);
        await queryRunner.query(`DROP TABLE \`score_rollup\``);
        await queryRunner.query(`DROP TABLE \`score_rollup_state\``);
        await queryRunner.query(`DROP INDEX \`idx_post_assessment_organization\` ON \`post_assessment\``);
        await queryRunner.query(`DROP INDEX \`idx_post_assessment_appointment\` ON \`post_assessment\``);
        await queryRunner.query(`DROP TABLE \`post_assessment\``);
        await queryRunner.query(`DROP INDEX \`uq_evaluation_subject_kind\` ON \`evaluation\``);
        await queryRunner.query(`DROP TABLE \`evaluation\``);
        await queryRunner.query(`DROP INDEX \`idx_assessment_organization\` ON \`assessment\``);
        await queryRunner.query(`DROP TABLE \`assessment\``);
        await queryRunner.query(`DROP INDEX \`idx_adjustment_subject\` ON \`adjustment\``);
        await queryRunner.query(`DROP TABLE \`adjustment\``);
    }

}
