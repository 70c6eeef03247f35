import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Users and the audit log. Hand-written to match the entities exactly, plus what an entity
 * cannot say: usernames compare byte for byte (utf8mb4_bin) and `org_path` is ASCII with a
 * binary collation like organization.path, so its subtree ranges compare bytes.
 */
export class Accounts1763800000000 implements MigrationInterface {
    name = 'Accounts1763800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`user_account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`role\` enum ('ADMIN', 'ORG_ADMIN', 'ASSESSOR', 'INSPECTOR', 'VIEWER') NOT NULL, \`scope_organization_id\` int NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`token_version\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_user_account_username\` (\`username\`), INDEX \`idx_user_account_scope\` (\`scope_organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`user_account\` ADD CONSTRAINT \`fk_user_account_scope\` FOREIGN KEY (\`scope_organization_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor_id\` int NULL, \`actor_name\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`action\` varchar(64) NOT NULL, \`target_type\` varchar(64) NOT NULL, \`target_id\` varchar(64) NULL, \`org_path\` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NULL, \`before\` text NULL, \`after\` text NULL, \`occurred_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`request_id\` varchar(64) NOT NULL, INDEX \`idx_audit_entry_occurred_at\` (\`occurred_at\`), INDEX \`idx_audit_entry_org_path\` (\`org_path\`, \`id\`), INDEX \`idx_audit_entry_target\` (\`target_type\`, \`target_id\`, \`id\`), INDEX \`idx_audit_entry_actor\` (\`actor_name\`, \`id\`), INDEX \`idx_audit_entry_action\` (\`action\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`audit_entry\``);
        await queryRunner.query(`ALTER TABLE \`user_account\` DROP FOREIGN KEY \`fk_user_account_scope\``);
        await queryRunner.query(`DROP TABLE \`user_account\``);
    }

}
