import { MigrationInterface, QueryRunner } from "typeorm";

export class Responsibilities1763900000000 implements MigrationInterface {
    name = 'Responsibilities1763900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`person\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_person_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`appointment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`person_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`post_kind\` enum ('LOCAL_SECRETARY', 'WORKING_COMMITTEE_SECRETARY', 'PARTY_GROUP_SECRETARY', 'PARTY_GROUP_MEMBER', 'ORGAN_COMMITTEE_SECRETARY', 'DISCIPLINE_SECRETARY', 'BRANCH_SECRETARY') NOT NULL, \`start_date\` date NOT NULL, \`end_date\` date NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_appointment_person\` (\`person_id\`, \`start_date\`), INDEX \`idx_appointment_org_post\` (\`organization_id\`, \`post_kind\`, \`start_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`catalog\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(64) NOT NULL, \`version\` int NOT NULL, \`title\` varchar(200) NOT NULL, \`description\` text NULL, \`status\` enum ('DRAFT', 'PUBLISHED') NOT NULL DEFAULT 'DRAFT', \`owner_organization_id\` int NULL, \`published_at\` datetime NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_catalog_owner\` (\`owner_organization_id\`), UNIQUE INDEX \`uq_catalog_code_version\` (\`code\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`catalog_assignment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`catalog_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`assigned_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_catalog_assignment_organization\` (\`organization_id\`), UNIQUE INDEX \`uq_catalog_assignment\` (\`catalog_id\`, \`organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`catalog_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`catalog_id\` int NOT NULL, \`parent_id\` int NULL, \`position\` int NOT NULL, \`code\` varchar(64) NOT NULL, \`title\` varchar(200) NOT NULL, \`description\` text NOT NULL, \`subject_org_kind\` enum ('LOCAL_COMMITTEE', 'WORKING_COMMITTEE', 'PARTY_GROUP', 'ORGAN_COMMITTEE', 'DISCIPLINE_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH') NULL, \`subject_post_kind\` enum ('LOCAL_SECRETARY', 'WORKING_COMMITTEE_SECRETARY', 'PARTY_GROUP_SECRETARY', 'PARTY_GROUP_MEMBER', 'ORGAN_COMMITTEE_SECRETARY', 'DISCIPLINE_SECRETARY', 'BRANCH_SECRETARY') NULL, \`duty_type\` enum ('PRIMARY', 'FIRST_PERSON', 'SUPERVISORY', 'DUAL_DUTY') NOT NULL, \`category\` enum ('POLITICAL', 'IDEOLOGICAL', 'ORGANIZATIONAL', 'CONDUCT', 'DISCIPLINE', 'INSTITUTIONAL', 'ANTI_CORRUPTION', 'LEADERSHIP') NOT NULL, \`weight\` decimal(7,2) NOT NULL, \`evidence_kinds\` text NOT NULL, \`required_count\` int NULL, \`required_unit\` enum ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR') NULL, \`required_evidence_kind\` enum ('MEETING', 'LECTURE', 'STUDY', 'ACTIVITY', 'TALK', 'INSPECTION', 'REPORT', 'DOCUMENT', 'OTHER') NULL, \`derives_from_id\` int NULL, INDEX \`idx_catalog_item_parent\` (\`parent_id\`, \`position\`), UNIQUE INDEX \`uq_catalog_item_code\` (\`catalog_id\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`responsibility\` (\`id\` int NOT NULL, \`organization_id\` int NOT NULL, \`holder_key\` int NOT NULL DEFAULT '0', \`appointment_id\` int NULL, \`catalog_item_id\` int NOT NULL, \`parent_id\` int NULL, \`derived_from_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_responsibility_derived_from\` (\`derived_from_id\`), INDEX \`idx_responsibility_parent\` (\`parent_id\`), INDEX \`idx_responsibility_appointment\` (\`appointment_id\`), INDEX \`idx_responsibility_item\` (\`catalog_item_id\`), UNIQUE INDEX \`uq_responsibility_holder_item\` (\`organization_id\`, \`holder_key\`, \`catalog_item_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`completion_mark\` (\`id\` int NOT NULL AUTO_INCREMENT, \`responsibility_id\` int NOT NULL, \`period_id\` int NOT NULL, \`completion_e4\` int NULL, \`not_applicable\` tinyint NOT NULL DEFAULT 0, \`source\` enum ('ENTERED', 'OVERRIDDEN', 'IMPORTED') NOT NULL, \`note\` varchar(500) NULL, \`set_by\` varchar(64) NOT NULL, \`set_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_completion_mark_period\` (\`period_id\`), UNIQUE INDEX \`uq_completion_mark\` (\`responsibility_id\`, \`period_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`fulfillment_record\` (\`id\` int NOT NULL AUTO_INCREMENT, \`responsibility_id\` int NOT NULL, \`date\` date NOT NULL, \`evidence_kind\` enum ('MEETING', 'LECTURE', 'STUDY', 'ACTIVITY', 'TALK', 'INSPECTION', 'REPORT', 'DOCUMENT', 'OTHER') NOT NULL, \`summary\` text NOT NULL, \`attachments\` text NOT NULL, \`recorded_by\` varchar(64) NOT NULL, \`recorded_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_fulfillment_record_responsibility_date\` (\`responsibility_id\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`appointment\` ADD CONSTRAINT \`fk_appointment_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`appointment\` ADD CONSTRAINT \`fk_appointment_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog\` ADD CONSTRAINT \`fk_catalog_owner\` FOREIGN KEY (\`owner_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog_assignment\` ADD CONSTRAINT \`fk_catalog_assignment_catalog\` FOREIGN KEY (\`catalog_id\`) REFERENCES \`catalog\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog_assignment\` ADD CONSTRAINT \`fk_catalog_assignment_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` ADD CONSTRAINT \`fk_catalog_item_catalog\` FOREIGN KEY (\`catalog_id\`) REFERENCES \`catalog\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` ADD CONSTRAINT \`fk_catalog_item_parent\` FOREIGN KEY (\`parent_id\`) REFERENCES \`catalog_item\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` ADD CONSTRAINT \`fk_catalog_item_derives_from\` FOREIGN KEY (\`derives_from_id\`) REFERENCES \`catalog_item\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`responsibility\` ADD CONSTRAINT \`fk_responsibility_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`responsibility\` ADD CONSTRAINT \`fk_responsibility_appointment\` FOREIGN KEY (\`appointment_id\`) REFERENCES \`appointment\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`responsibility\` ADD CONSTRAINT \`fk_responsibility_item\` FOREIGN KEY (\`catalog_item_id\`) REFERENCES \`catalog_item\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`responsibility\` ADD CONSTRAINT \`fk_responsibility_parent\` FOREIGN KEY (\`parent_id\`) REFERENCES \`responsibility\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`responsibility\` ADD CONSTRAINT \`fk_responsibility_derived_from\` FOREIGN KEY (\`derived_from_id\`) REFERENCES \`responsibility\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`completion_mark\` ADD CONSTRAINT \`fk_completion_mark_responsibility\` FOREIGN KEY (\`responsibility_id\`) REFERENCES \`responsibility\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`completion_mark\` ADD CONSTRAINT \`fk_completion_mark_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`fulfillment_record\` ADD CONSTRAINT \`fk_fulfillment_record_responsibility\` FOREIGN KEY (\`responsibility_id\`) REFERENCES \`responsibility\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`INSERT INTO \`id_sequence\` (\`name\`, \`next_value\`) VALUES ('responsibility', 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM \`id_sequence\` WHERE \`name\` = 'responsibility'`);
        await queryRunner.query(`ALTER TABLE \`fulfillment_record\` DROP FOREIGN KEY \`fk_fulfillment_record_responsibility\``);
        await queryRunner.query(`ALTER TABLE \`completion_mark\` DROP FOREIGN KEY \`fk_completion_mark_period\``);
        await queryRunner.query(`ALTER TABLE \`completion_mark\` DROP FOREIGN KEY \`fk_completion_mark_responsibility\``);
        await queryRunner.query(`ALTER TABLE \`responsibility\` DROP FOREIGN KEY \`fk_responsibility_derived_from\``);
        await queryRunner.query(`ALTER TABLE \`responsibility\` DROP FOREIGN KEY \`fk_responsibility_parent\``);
        await queryRunner.query(`ALTER TABLE \`responsibility\` DROP FOREIGN KEY \`fk_responsibility_item\``);
        await queryRunner.query(`ALTER TABLE \`responsibility\` DROP FOREIGN KEY \`fk_responsibility_appointment\``);
        await queryRunner.query(`ALTER TABLE \`responsibility\` DROP FOREIGN KEY \`fk_responsibility_organization\``);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` DROP FOREIGN KEY \`fk_catalog_item_derives_from\``);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` DROP FOREIGN KEY \`fk_catalog_item_parent\``);
        await queryRunner.query(`ALTER TABLE \`catalog_item\` DROP FOREIGN KEY \`fk_catalog_item_catalog\``);
        await queryRunner.query(`ALTER TABLE \`catalog_assignment\` DROP FOREIGN KEY \`fk_catalog_assignment_organization\``);
        await queryRunner.query(`ALTER TABLE \`catalog_assignment\` DROP FOREIGN KEY \`fk_catalog_assignment_catalog\``);
        await queryRunner.query(`ALTER TABLE \`catalog\` DROP FOREIGN KEY \`fk_catalog_owner\``);
        await queryRunner.query(`ALTER TABLE \`appointment\` DROP FOREIGN KEY \`fk_appointment_organization\``);
        await queryRunner.query(`ALTER TABLE \`appointment\` DROP FOREIGN KEY \`fk_appointment_person\``);
        await queryRunner.query(`DROP INDEX \`idx_fulfillment_record_responsibility_date\` ON \`fulfillment_record\``);
        await queryRunner.query(`DROP TABLE \`fulfillment_record\``);
        await queryRunner.query(`DROP INDEX \`uq_completion_mark\` ON \`completion_mark\``);
        await queryRunner.query(`DROP INDEX \`idx_completion_mark_period\` ON \`completion_mark\``);
        await queryRunner.query(`DROP TABLE \`completion_mark\``);
        await queryRunner.query(`DROP INDEX \`uq_responsibility_holder_item\` ON \`responsibility\``);
        await queryRunner.query(`DROP INDEX \`idx_responsibility_item\` ON \`responsibility\``);
        await queryRunner.query(`DROP INDEX \`idx_responsibility_appointment\` ON \`responsibility\``);
        await queryRunner.query(`DROP INDEX \`idx_responsibility_parent\` ON \`responsibility\``);
        await queryRunner.query(`DROP INDEX \`idx_responsibility_derived_from\` ON \`responsibility\``);
        await queryRunner.query(`DROP TABLE \`responsibility\``);
        await queryRunner.query(`DROP INDEX \`uq_catalog_item_code\` ON \`catalog_item\``);
        await queryRunner.query(`DROP INDEX \`idx_catalog_item_parent\` ON \`catalog_item\``);
        await queryRunner.query(`DROP TABLE \`catalog_item\``);
        await queryRunner.query(`DROP INDEX \`uq_catalog_assignment\` ON \`catalog_assignment\``);
        await queryRunner.query(`DROP INDEX \`idx_catalog_assignment_organization\` ON \`catalog_assignment\``);
        await queryRunner.query(`DROP TABLE \`catalog_assignment\``);
        await queryRunner.query(`DROP INDEX \`uq_catalog_code_version\` ON \`catalog\``);
        await queryRunner.query(`DROP INDEX \`idx_catalog_owner\` ON \`catalog\``);
        await queryRunner.query(`DROP TABLE \`catalog\``);
        await queryRunner.query(`DROP INDEX \`idx_appointment_org_post\` ON \`appointment\``);
        await queryRunner.query(`DROP INDEX \`idx_appointment_person\` ON \`appointment\``);
        await queryRunner.query(`DROP TABLE \`appointment\``);
        await queryRunner.query(`DROP INDEX \`idx_person_name\` ON \`person\``);
        await queryRunner.query(`DROP TABLE \`person\``);
    }

}
