import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1763700000000 implements MigrationInterface {
    name = 'Init1763700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`id_sequence\` (\`name\` varchar(64) NOT NULL, \`next_value\` int NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`organization\` (\`id\` int NOT NULL, \`code\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`name\` varchar(200) NOT NULL, \`kind\` enum ('LOCAL_COMMITTEE', 'WORKING_COMMITTEE', 'PARTY_GROUP', 'ORGAN_COMMITTEE', 'DISCIPLINE_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH') NOT NULL, \`level\` enum ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY') NOT NULL, \`region_code\` varchar(6) NOT NULL, \`member_count\` int NOT NULL DEFAULT '0', \`status\` enum ('ACTIVE', 'DISSOLVED') NOT NULL DEFAULT 'ACTIVE', \`parent_id\` int NULL, \`path\` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, \`depth\` int NOT NULL, \`dissolved_at\` datetime NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_organization_code\` (\`code\`), UNIQUE INDEX \`uq_organization_path\` (\`path\`), INDEX \`idx_organization_region_code\` (\`region_code\`, \`code\`), INDEX \`idx_organization_kind_code\` (\`kind\`, \`code\`), INDEX \`idx_organization_parent_code\` (\`parent_id\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`organization\` ADD CONSTRAINT \`fk_organization_parent\` FOREIGN KEY (\`parent_id\`) REFERENCES \`organization\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`INSERT INTO \`id_sequence\` (\`name\`, \`next_value\`) VALUES ('organization', 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`organization\` DROP FOREIGN KEY \`fk_organization_parent\``);
        await queryRunner.query(`DROP TABLE \`organization\``);
        await queryRunner.query(`DROP TABLE \`id_sequence\``);
    }

}
