import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Oversight (DOMAIN.md §4): inspections, problems with their history and rectification
 * projects, accountability cases (一案双查 links) and the negative list; seeds the ten default
 * problem categories. Generated, then folded: the tables are created with their foreign keys
 * at once instead of being rebuilt to add them.
 */
export class Oversight1764100000000 implements MigrationInterface {
    name = 'Oversight1764100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "problem_category" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(64) NOT NULL, "name" varchar(100) NOT NULL, "position" integer NOT NULL, "active" boolean NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_problem_category_code" ON "problem_category" ("code") `);
        await queryRunner.query(`CREATE TABLE "inspection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "inspecting_organization_id" integer NOT NULL, "inspected_organization_id" integer NOT NULL, "date" date NOT NULL, "method" varchar CHECK( "method" IN ('ANNOUNCED','UNANNOUNCED') ) NOT NULL, "findings" text NOT NULL, "recorded_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_inspection_inspecting" FOREIGN KEY ("inspecting_organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_inspection_inspected" FOREIGN KEY ("inspected_organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_inspection_inspecting" ON "inspection" ("inspecting_organization_id", "date") `);
        await queryRunner.query(`CREATE INDEX "idx_inspection_inspected" ON "inspection" ("inspected_organization_id", "date") `);
        await queryRunner.query(`CREATE TABLE "problem" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "organization_id" integer NOT NULL, "responsibility_id" integer NOT NULL, "inspection_id" integer, "category_id" integer NOT NULL, "source" varchar CHECK( "source" IN ('INSPECTION','PATROL','AUDIT','SELF_CHECK','COMPLAINT','ASSESSMENT') ) NOT NULL, "severity" varchar CHECK( "severity" IN ('MINOR','SERIOUS','GRAVE') ) NOT NULL, "title" varchar(200) NOT NULL, "description" text NOT NULL, "found_on" date NOT NULL, "state" varchar CHECK( "state" IN ('OPEN','RECTIFYING','PENDING_VERIFICATION','CLOSED','REOPENED') ) NOT NULL, "rectification_mode" varchar CHECK( "rectification_mode" IN ('BY_DEADLINE','ONGOING') ), "deadline" date, "owner_appointment_id" integer, "closed_on" date, "reopen_count" integer NOT NULL DEFAULT (0), "recorded_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_problem_organization" FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_responsibility" FOREIGN KEY ("responsibility_id") REFERENCES "responsibility" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_inspection" FOREIGN KEY ("inspection_id") REFERENCES "inspection" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_category" FOREIGN KEY ("category_id") REFERENCES "problem_category" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_owner" FOREIGN KEY ("owner_appointment_id") REFERENCES "appointment" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_problem_inspection" ON "problem" ("inspection_id") `);
        await queryRunner.query(`CREATE INDEX "idx_problem_responsibility" ON "problem" ("responsibility_id") `);
        await queryRunner.query(`CREATE INDEX "idx_problem_org_deadline" ON "problem" ("organization_id", "deadline") `);
        await queryRunner.query(`CREATE INDEX "idx_problem_org_found" ON "problem" ("organization_id", "found_on") `);
        await queryRunner.query(`CREATE TABLE "rectification_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "problem_id" integer NOT NULL, "goal" text NOT NULL, "measures" text NOT NULL, "owner_appointment_id" integer, "start_date" date NOT NULL, "due_date" date NOT NULL, "mode" varchar CHECK( "mode" IN ('BY_DEADLINE','ONGOING') ) NOT NULL, "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_rectification_project_problem" FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_rectification_project_owner" FOREIGN KEY ("owner_appointment_id") REFERENCES "appointment" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_rectification_project_problem" ON "rectification_project" ("problem_id", "id") `);
        await queryRunner.query(`CREATE TABLE "problem_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "problem_id" integer NOT NULL, "seq" integer NOT NULL, "organization_id" integer NOT NULL, "holder_appointment_id" integer, "action" varchar CHECK( "action" IN ('RECORD','START_RECTIFICATION','SUBMIT_FOR_VERIFICATION','VERIFY','REJECT_VERIFICATION','REOPEN','EXTEND_DEADLINE') ) NOT NULL, "from_state" varchar CHECK( "from_state" IN ('OPEN','RECTIFYING','PENDING_VERIFICATION','CLOSED','REOPENED') ), "to_state" varchar CHECK( "to_state" IN ('OPEN','RECTIFYING','PENDING_VERIFICATION','CLOSED','REOPENED') ) NOT NULL, "deadline_before" date, "deadline_after" date, "occurred_on" date NOT NULL, "reason" text, "project_id" integer, "verifier_organization_id" integer, "actor_id" integer, "actor_name" varchar(64) NOT NULL, "recorded_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_problem_event_problem" FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_event_project" FOREIGN KEY ("project_id") REFERENCES "rectification_project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_problem_event_verifier" FOREIGN KEY ("verifier_organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_problem_event_holder_occurred" ON "problem_event" ("holder_appointment_id", "occurred_on") `);
        await queryRunner.query(`CREATE INDEX "idx_problem_event_org_occurred" ON "problem_event" ("organization_id", "occurred_on") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_problem_event_seq" ON "problem_event" ("problem_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "accountability_case" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN ('DIRECT','LEADERSHIP_REVIEW') ) NOT NULL, "review_role" varchar CHECK( "review_role" IN ('SECRETARY','LEADER_IN_CHARGE') ), "primary_case_id" integer, "subject_type" varchar CHECK( "subject_type" IN ('ORGANIZATION','POST_HOLDER') ) NOT NULL, "organization_id" integer NOT NULL, "appointment_id" integer, "status" varchar CHECK( "status" IN ('UNDER_REVIEW','DECIDED','CLEARED') ) NOT NULL, "form" varchar CHECK( "form" IN ('INSPECTION_ORDER','CIRCULATION','REORGANIZATION','ADMONITION','ORGANIZATIONAL_ADJUSTMENT','DISCIPLINARY') ), "deciding_organization_id" integer, "decided_on" date, "incident_on" date, "description" text NOT NULL, "resolution" text, "recorded_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_accountability_case_primary" FOREIGN KEY ("primary_case_id") REFERENCES "accountability_case" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_accountability_case_organization" FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_accountability_case_appointment" FOREIGN KEY ("appointment_id") REFERENCES "appointment" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_accountability_case_deciding" FOREIGN KEY ("deciding_organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_accountability_case_primary" ON "accountability_case" ("primary_case_id") `);
        await queryRunner.query(`CREATE INDEX "idx_accountability_case_appointment" ON "accountability_case" ("appointment_id", "decided_on") `);
        await queryRunner.query(`CREATE INDEX "idx_accountability_case_org_decided" ON "accountability_case" ("organization_id", "decided_on") `);
        await queryRunner.query(`CREATE TABLE "accountability_case_problem" ("case_id" integer NOT NULL, "problem_id" integer NOT NULL, CONSTRAINT "fk_accountability_case_problem_case" FOREIGN KEY ("case_id") REFERENCES "accountability_case" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_accountability_case_problem_problem" FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("case_id", "problem_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_accountability_case_problem_problem" ON "accountability_case_problem" ("problem_id") `);
        await queryRunner.query(`CREATE TABLE "negative_list_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "organization_id" integer NOT NULL, "period_id" integer NOT NULL, "reason" text NOT NULL, "listed_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_negative_list_entry_organization" FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_negative_list_entry_period" FOREIGN KEY ("period_id") REFERENCES "assessment_period" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_negative_list_entry_org" ON "negative_list_entry" ("organization_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_negative_list_entry_period_org" ON "negative_list_entry" ("period_id", "organization_id") `);
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
        await queryRunner.query(`DROP INDEX "idx_negative_list_entry_org"`);
        await queryRunner.query(`DROP INDEX "uq_negative_list_entry_period_org"`);
        await queryRunner.query(`DROP TABLE "negative_list_entry"`);
        await queryRunner.query(`DROP INDEX "idx_accountability_case_problem_problem"`);
        await queryRunner.query(`DROP TABLE "accountability_case_problem"`);
        await queryRunner.query(`DROP INDEX "idx_accountability_case_primary"`);
        await queryRunner.query(`DROP INDEX "idx_accountability_case_appointment"`);
        await queryRunner.query(`DROP INDEX "idx_accountability_case_org_decided"`);
        await queryRunner.query(`DROP TABLE "accountability_case"`);
        await queryRunner.query(`DROP INDEX "idx_problem_event_holder_occurred"`);
        await queryRunner.query(`DROP INDEX "idx_problem_event_org_occurred"`);
        await queryRunner.query(`DROP INDEX "uq_problem_event_seq"`);
        await queryRunner.query(`DROP TABLE "problem_event"`);
        await queryRunner.query(`DROP INDEX "idx_rectification_project_problem"`);
        await queryRunner.query(`DROP TABLE "rectification_project"`);
        await queryRunner.query(`DROP INDEX "idx_problem_inspection"`);
        await queryRunner.query(`DROP INDEX "idx_problem_responsibility"`);
        await queryRunner.query(`DROP INDEX "idx_problem_org_deadline"`);
        await queryRunner.query(`DROP INDEX "idx_problem_org_found"`);
        await queryRunner.query(`DROP TABLE "problem"`);
        await queryRunner.query(`DROP INDEX "idx_inspection_inspecting"`);
        await queryRunner.query(`DROP INDEX "idx_inspection_inspected"`);
        await queryRunner.query(`DROP TABLE "inspection"`);
        await queryRunner.query(`DROP INDEX "uq_problem_category_code"`);
        await queryRunner.query(`DROP TABLE "problem_category"`);
    }
}
