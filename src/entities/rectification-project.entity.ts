import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { AppointmentEntity } from "./appointment.entity";
import { RectificationMode } from "./oversight-enums";
import { ProblemEntity } from "./problem.entity";

/**
 * 项目清单: how one problem is fixed. A problem gets a project each time it enters
 * RECTIFYING (again after a reopening), so the latest is the current one and the earlier
 * ones stay as history.
 */
@Entity({ name: "rectification_project" })
@Index("idx_rectification_project_problem", ["problemId", "id"])
export class RectificationProjectEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "problem_id", type: "int" })
  problemId: number;

  @ManyToOne(() => ProblemEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "problem_id", foreignKeyConstraintName: "fk_rectification_project_problem" })
  problem?: ProblemEntity;

  @Column({ type: "text" })
  goal: string;

  @Column({ type: "text" })
  measures: string;

  /** Who leads it: a post holder of the problem's organisation (default: the problem's owner). */
  @Column({ name: "owner_appointment_id", type: "int", nullable: true })
  ownerAppointmentId: number | null;

  @ManyToOne(() => AppointmentEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "owner_appointment_id", foreignKeyConstraintName: "fk_rectification_project_owner" })
  owner?: AppointmentEntity | null;

  @Column({ name: "start_date", type: "date" })
  startDate: string;

  @Column({ name: "due_date", type: "date" })
  dueDate: string;

  @Column({ type: "simple-enum", enum: RectificationMode })
  mode: RectificationMode;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
