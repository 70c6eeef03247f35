import { MigrationInterface, QueryRunner } from "typeorm";

export class Periods1763750000000 implements MigrationInterface {
    name = 'Periods1763750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`assessment_period\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(16) NOT NULL, \`kind\` enum ('YEAR', 'HALF_YEAR', 'QUARTER') NOT NULL, \`start_date\` date NOT NULL, \`end_date\` date NOT NULL, \`status\` enum ('OPEN', 'CLOSED') NOT NULL DEFAULT 'OPEN', \`rules\` text NOT NULL, \`closed_at\` datetime NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_assessment_period_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_assessment_period_code\` ON \`assessment_period\``);
        await queryRunner.query(`DROP TABLE \`assessment_period\``);
    }

}
