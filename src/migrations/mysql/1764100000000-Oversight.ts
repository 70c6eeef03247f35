import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Oversight (DOMAIN.md §4): inspections, problems with their history and rectification
 * projects, accountability cases (一案双查 links) and the negative list; seeds the ten default
 * problem categories. Generated; tables take the database's utf8mb4_unicode_ci collation
 * explicitly, as the earlier migrations do.
 */
export class Oversight1764100000000 implements MigrationInterface {
    name = 'Oversight1764100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`accountability_case\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` enum ('DIRECT', 'LEADERSHIP_REVIEW') NOT NULL, \`review_role\` enum ('SECRETARY', 'LEADER_IN_CHARGE') NULL, \`primary_case_id\` int NULL, \`subject_type\` enum ('ORGANIZATION', 'POST_HOLDER') NOT NULL, \`organization_id\` int NOT NULL, \`appointment_id\` int NULL, \`status\` enum ('UNDER_REVIEW', 'DECIDED', 'CLEARED') NOT NULL, \`form\` enum ('INSPECTION_ORDER', 'CIRCULATION', 'REORGANIZATION', 'ADMONITION', 'ORGANIZATIONAL_ADJUSTMENT', 'DISCIPLINARY') NULL, \`deciding_organization_id\` int NULL, \`decided_on\` date NULL, \`incident_on\` date NULL, \`description\` text NOT NULL, \`resolution\` text NULL, \`recorded_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_accountability_case_primary\` (\`primary_case_id\`), INDEX \`idx_accountability_case_appointment\` (\`appointment_id\`, \`decided_on\`), INDEX \`idx_accountability_case_org_decided\` (\`organization_id\`, \`decided_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`inspection\` (\`id\` int NOT NULL AUTO_INCREMENT, \`inspecting_organization_id\` int NOT NULL, \`inspected_organization_id\` int NOT NULL, \`date\` date NOT NULL, \`method\` enum ('ANNOUNCED', 'UNANNOUNCED') NOT NULL, \`findings\` text NOT NULL, \`recorded_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_inspection_inspecting\` (\`inspecting_organization_id\`, \`date\`), INDEX \`idx_inspection_inspected\` (\`inspected_organization_id\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`problem_category\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(64) NOT NULL, \`name\` varchar(100) NOT NULL, \`position\` int NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_problem_category_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`problem\` (\`id\` int NOT NULL AUTO_INCREMENT, \`organization_id\` int NOT NULL, \`responsibility_id\` int NOT NULL, \`inspection_id\` int NULL, \`category_id\` int NOT NULL, \`source\` enum ('INSPECTION', 'PATROL', 'AUDIT', 'SELF_CHECK', 'COMPLAINT', 'ASSESSMENT') NOT NULL, \`severity\` enum ('MINOR', 'SERIOUS', 'GRAVE') NOT NULL, \`title\` varchar(200) NOT NULL, \`description\` text NOT NULL, \`found_on\` date NOT NULL, \`state\` enum ('OPEN', 'RECTIFYING', 'PENDING_VERIFICATION', 'CLOSED', 'REOPENED') NOT NULL, \`rectification_mode\` enum ('BY_DEADLINE', 'ONGOING') NULL, \`deadline\` date NULL, \`owner_appointment_id\` int NULL, \`closed_on\` date NULL, \`reopen_count\` int NOT NULL DEFAULT '0', \`recorded_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_problem_inspection\` (\`inspection_id\`), INDEX \`idx_problem_responsibility\` (\`responsibility_id\`), INDEX \`idx_problem_org_deadline\` (\`organization_id\`, \`deadline\`), INDEX \`idx_problem_org_found\` (\`organization_id\`, \`found_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`accountability_case_problem\` (\`case_id\` int NOT NULL, \`problem_id\` int NOT NULL, INDEX \`idx_accountability_case_problem_problem\` (\`problem_id\`), PRIMARY KEY (\`case_id\`, \`problem_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`negative_list_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`organization_id\` int NOT NULL, \`period_id\` int NOT NULL, \`reason\` text NOT NULL, \`listed_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_negative_list_entry_org\` (\`organization_id\`), UNIQUE INDEX \`uq_negative_list_entry_period_org\` (\`period_id\`, \`organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`rectification_project\` (\`id\` int NOT NULL AUTO_INCREMENT, \`problem_id\` int NOT NULL, \`goal\` text NOT NULL, \`measures\` text NOT NULL, \`owner_appointment_id\` int NULL, \`start_date\` date NOT NULL, \`due_date\` date NOT NULL, \`mode\` enum ('BY_DEADLINE', 'ONGOING') NOT NULL, \`created_by\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_rectification_project_problem\` (\`problem_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`problem_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`problem_id\` int NOT NULL, \`seq\` int NOT NULL, \`organization_id\` int NOT NULL, \`holder_appointment_id\` int NULL, \`action\` enum ('RECORD', 'START_RECTIFICATION', 'SUBMIT_FOR_VERIFICATION', 'VERIFY', 'REJECT_VERIFICATION', 'REOPEN', 'EXTEND_DEADLINE') NOT NULL, \`from_state\` enum ('OPEN', 'RECTIFYING', 'PENDING_VERIFICATION', 'CLOSED', 'REOPENED') NULL, \`to_state\` enum ('OPEN', 'RECTIFYING', 'PENDING_VERIFICATION', 'CLOSED', 'REOPENED') NOT NULL, \`deadline_before\` date NULL, \`deadline_after\` date NULL, \`occurred_on\` date NOT NULL, \`reason\` text NULL, \`project_id\` int NULL, \`verifier_organization_id\` int NULL, \`actor_id\` int NULL, \`actor_name\` varchar(64) NOT NULL, \`recorded_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_problem_event_holder_occurred\` (\`holder_appointment_id\`, \`occurred_on\`), INDEX \`idx_problem_event_org_occurred\` (\`organization_id\`, \`occurred_on\`), UNIQUE INDEX \`uq_problem_event_seq\` (\`problem_id\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` ADD CONSTRAINT \`fk_accountability_case_primary\` FOREIGN KEY (\`primary_case_id\`) REFERENCES \`accountability_case\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` ADD CONSTRAINT \`fk_accountability_case_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` ADD CONSTRAINT \`fk_accountability_case_appointment\` FOREIGN KEY (\`appointment_id\`) REFERENCES \`appointment\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` ADD CONSTRAINT \`fk_accountability_case_deciding\` FOREIGN KEY (\`deciding_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`inspection\` ADD CONSTRAINT \`fk_inspection_inspecting\` FOREIGN KEY (\`inspecting_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`inspection\` ADD CONSTRAINT \`fk_inspection_inspected\` FOREIGN KEY (\`inspected_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_responsibility\` FOREIGN KEY (\`responsibility_id\`) REFERENCES \`responsibility\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_inspection\` FOREIGN KEY (\`inspection_id\`) REFERENCES \`inspection\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_category\` FOREIGN KEY (\`category_id\`) REFERENCES \`problem_category\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_owner\` FOREIGN KEY (\`owner_appointment_id\`) REFERENCES \`appointment\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`accountability_case_problem\` ADD CONSTRAINT \`fk_accountability_case_problem_case\` FOREIGN KEY (\`case_id\`) REFERENCES \`accountability_case\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`accountability_case_problem\` ADD CONSTRAINT \`fk_accountability_case_problem_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`negative_list_entry\` ADD CONSTRAINT \`fk_negative_list_entry_organization\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`negative_list_entry\` ADD CONSTRAINT \`fk_negative_list_entry_period\` FOREIGN KEY (\`period_id\`) REFERENCES \`assessment_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`rectification_project\` ADD CONSTRAINT \`fk_rectification_project_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`rectification_project\` ADD CONSTRAINT \`fk_rectification_project_owner\` FOREIGN KEY (\`owner_appointment_id\`) REFERENCES \`appointment\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem_event\` ADD CONSTRAINT \`fk_problem_event_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem_event\` ADD CONSTRAINT \`fk_problem_event_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`rectification_project\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`problem_event\` ADD CONSTRAINT \`fk_problem_event_verifier\` FOREIGN KEY (\`verifier_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // The ten default problem categories (问题类别); administrators may add, rename and retire them.
        await queryRunner.query(
            `INSERT INTO problem_category (code, name, position, active) VALUES
            ('RESPONSIBILITY_NOT_FULFILLED', '管党治党责任落实不到位', 1, 1),
            ('POLITICAL_BUILDING', '政治建设不到位', 2, 1),
            ('THEORETICAL_STUDY', '理论武装不深入', 3, 1),
            ('ORGANIZATION_SETUP', '组织设置不规范', 4, 1),
            ('TEAM_BUILDING', '队伍建设薄弱', 5, 1),
            ('RULES_NOT_ENFORCED', '制度执行不严格', 6, 1),
            ('ROLE_NOT_PLAYED', '作用发挥不充分', 7, 1),
            ('WORK_STYLE', '作风建设不扎实', 8, 1),
            ('CLEAN_GOVERNANCE', '党风廉政建设不力', 9, 1),
            ('BASIC_SUPPORT', '基础保障不到位', 10, 1)`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`problem_event\` DROP FOREIGN KEY \`fk_problem_event_verifier\``);
        await queryRunner.query(`ALTER TABLE \`problem_event\` DROP FOREIGN KEY \`fk_problem_event_project\``);
        await queryRunner.query(`ALTER TABLE \`problem_event\` DROP FOREIGN KEY \`fk_problem_event_problem\``);
        await queryRunner.query(`ALTER TABLE \`rectification_project\` DROP FOREIGN KEY \`fk_rectification_project_owner\``);
        await queryRunner.query(`ALTER TABLE \`rectification_project\` DROP FOREIGN KEY \`fk_rectification_project_problem\``);
        await queryRunner.query(`ALTER TABLE \`negative_list_entry\` DROP FOREIGN KEY \`fk_negative_list_entry_period\``);
        await queryRunner.query(`ALTER TABLE \`negative_list_entry\` DROP FOREIGN KEY \`fk_negative_list_entry_organization\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case_problem\` DROP FOREIGN KEY \`fk_accountability_case_problem_problem\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case_problem\` DROP FOREIGN KEY \`fk_accountability_case_problem_case\``);
        await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_owner\``);
        await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_category\``);
        await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_inspection\``);
        await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_responsibility\``);
        await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_organization\``);
        await queryRunner.query(`ALTER TABLE \`inspection\` DROP FOREIGN KEY \`fk_inspection_inspected\``);
        await queryRunner.query(`ALTER TABLE \`inspection\` DROP FOREIGN KEY \`fk_inspection_inspecting\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` DROP FOREIGN KEY \`fk_accountability_case_deciding\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` DROP FOREIGN KEY \`fk_accountability_case_appointment\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` DROP FOREIGN KEY \`fk_accountability_case_organization\``);
        await queryRunner.query(`ALTER TABLE \`accountability_case\` DROP FOREIGN KEY \`fk_accountability_case_primary\``);
        await queryRunner.query(`DROP INDEX \`uq_problem_event_seq\` ON \`problem_event\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_event_org_occurred\` ON \`problem_event\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_event_holder_occurred\` ON \`problem_event\``);
        await queryRunner.query(`DROP TABLE \`problem_event\``);
        await queryRunner.query(`DROP INDEX \`idx_rectification_project_problem\` ON \`rectification_project\``);
        await queryRunner.query(`DROP TABLE \`rectification_project\``);
        await queryRunner.query(`DROP INDEX \`uq_negative_list_entry_period_org\` ON \`negative_list_entry\``);
        await queryRunner.query(`DROP INDEX \`idx_negative_list_entry_org\` ON \`negative_list_entry\``);
        await queryRunner.query(`DROP TABLE \`negative_list_entry\``);
        await queryRunner.query(`DROP INDEX \`idx_accountability_case_problem_problem\` ON \`accountability_case_problem\``);
        await queryRunner.query(`DROP TABLE \`accountability_case_problem\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_org_found\` ON \`problem\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_org_deadline\` ON \`problem\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_responsibility\` ON \`problem\``);
        await queryRunner.query(`DROP INDEX \`idx_problem_inspection\` ON \`problem\``);
        await queryRunner.query(`DROP TABLE \`problem\``);
        await queryRunner.query(`DROP INDEX \`uq_problem_category_code\` ON \`problem_category\``);
        await queryRunner.query(`DROP TABLE \`problem_category\``);
        await queryRunner.query(`DROP INDEX \`idx_inspection_inspected\` ON \`inspection\``);
        await queryRunner.query(`DROP INDEX \`idx_inspection_inspecting\` ON \`inspection\``);
        await queryRunner.query(`DROP TABLE \`inspection\``);
        await queryRunner.query(`DROP INDEX \`idx_accountability_case_org_decided\` ON \`accountability_case\``);
        await queryRunner.query(`DROP INDEX \`idx_accountability_case_appointment\` ON \`accountability_case\``);
        await queryRunner.query(`DROP INDEX \`idx_accountability_case_primary\` ON \`accountability_case\``);
        await queryRunner.query(`DROP TABLE \`accountability_case\``);
    }

}
