import { MigrationInterface, QueryRunner } from "typeorm";

/** Users and the audit log. SQLite compares text byte for byte, so no collation is needed. */
export class Accounts1763800000000 implements MigrationInterface {
    name = 'Accounts1763800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "password_hash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('ADMIN','ORG_ADMIN','ASSESSOR','INSPECTOR','VIEWER') ) NOT NULL, "scope_organization_id" integer, "active" boolean NOT NULL DEFAULT (1), "token_version" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_user_account_scope" FOREIGN KEY ("scope_organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_account_username" ON "user_account" ("username") `);
        await queryRunner.query(`CREATE INDEX "idx_user_account_scope" ON "user_account" ("scope_organization_id") `);
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actor_id" integer, "actor_name" varchar(64) NOT NULL, "action" varchar(64) NOT NULL, "target_type" varchar(64) NOT NULL, "target_id" varchar(64), "org_path" varchar(255), "before" text, "after" text, "occurred_at" datetime NOT NULL DEFAULT (datetime('now')), "request_id" varchar(64) NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_occurred_at" ON "audit_entry" ("occurred_at") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_org_path" ON "audit_entry" ("org_path", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_target" ON "audit_entry" ("target_type", "target_id", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_actor" ON "audit_entry" ("actor_name", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_action" ON "audit_entry" ("action", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_audit_entry_action"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entry_actor"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entry_target"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entry_org_path"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entry_occurred_at"`);
        await queryRunner.query(`DROP TABLE "audit_entry"`);
        await queryRunner.query(`DROP INDEX "idx_user_account_scope"`);
        await queryRunner.query(`DROP INDEX "uq_user_account_username"`);
        await queryRunner.query(`DROP TABLE "user_account"`);
    }

}
