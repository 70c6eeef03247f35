import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { AppointmentEntity } from "./appointment.entity";
import { InspectionEntity } from "./inspection.entity";
import { OrganizationEntity } from "./organization.entity";
import { ProblemSeverity, ProblemSource, ProblemState, RectificationMode } from "./oversight-enums";
import { ProblemCategoryEntity } from "./problem-category.entity";
import { ResponsibilityEntity } from "./responsibility.entity";

/**
 * 问题清单: one problem found at an organisation, naming the responsibility it breaches.
 * `state`, `deadline` and `rectificationMode` are the current values; every change of them
 * is a row of problem_event (the history every figure is computed from, so a figure "as of"
 * a past day can be reproduced).
 *
 * Reports reach problems through the organisation's path range and (organization_id, …)
 * indexes; the path is not copied here, so a subtree move needs no rewrite of problems.
 */
@Entity({ name: "problem" })
@Index("idx_problem_org_found", ["organizationId", "foundOn"])
@Index("idx_problem_org_deadline", ["organizationId", "deadline"])
@Index("idx_problem_responsibility", ["responsibilityId"])
@Index("idx_problem_inspection", ["inspectionId"])
export class ProblemEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_problem_organization" })
  organization?: OrganizationEntity;

  /** The responsibility (of this organisation or one of its post holders) the problem breaches. */
  @Column({ name: "responsibility_id", type: "int" })
  responsibilityId: number;

  @ManyToOne(() => ResponsibilityEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "responsibility_id", foreignKeyConstraintName: "fk_problem_responsibility" })
  responsibility?: ResponsibilityEntity;

  @Column({ name: "inspection_id", type: "int", nullable: true })
  inspectionId: number | null;

  @ManyToOne(() => InspectionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "inspection_id", foreignKeyConstraintName: "fk_problem_inspection" })
  inspection?: InspectionEntity | null;

  @Column({ name: "category_id", type: "int" })
  categoryId: number;

  @ManyToOne(() => ProblemCategoryEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "category_id", foreignKeyConstraintName: "fk_problem_category" })
  category?: ProblemCategoryEntity;

  @Column({ type: "simple-enum", enum: ProblemSource })
  source: ProblemSource;

  @Column({ type: "simple-enum", enum: ProblemSeverity })
  severity: ProblemSeverity;

  @Column({ type: "varchar", length: 200 })
  title: string;

  @Column({ type: "text" })
  description: string;

  /** YYYY-MM-DD: the day it was found (not the day it was recorded). */
  @Column({ name: "found_on", type: "date" })
  foundOn: string;

  @Column({ type: "simple-enum", enum: ProblemState })
  state: ProblemState;

  @Column({ name: "rectification_mode", type: "simple-enum", enum: RectificationMode, nullable: true })
  rectificationMode: RectificationMode | null;

  /** YYYY-MM-DD, the last day of rectification: overdue from the next day on while not CLOSED. */
  @Column({ type: "date", nullable: true })
  deadline: string | null;

  /**
   * 整改责任人: the holder of the breached responsibility (its appointment); for an
   * organisation's own duty, its secretary on the day found; null when the post was vacant.
   */
  @Column({ name: "owner_appointment_id", type: "int", nullable: true })
  ownerAppointmentId: number | null;

  @ManyToOne(() => AppointmentEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "owner_appointment_id", foreignKeyConstraintName: "fk_problem_owner" })
  owner?: AppointmentEntity | null;

  /** YYYY-MM-DD of the last 销号; null while not CLOSED. */
  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn: string | null;

  @Column({ name: "reopen_count", type: "int", default: 0 })
  reopenCount: number;

  @Column({ name: "recorded_by", type: "varchar", length: 64 })
  recordedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
