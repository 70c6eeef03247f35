import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { AdjustmentType, ScoreSubject } from "./scoring-enums";

/**
 * 加分 / 扣分 / 一票否决 of an organisation or a post holder in a period, each with its reason
 * and author. Bonuses count up to the period's cap; a VETO forces the grade POOR.
 * Append-only apart from withdrawal (a mistaken entry is withdrawn, not edited), so the
 * provenance of an old score can always name the adjustments it used.
 */
@Entity({ name: "adjustment" })
@Index("idx_adjustment_subject", ["periodId", "subjectType", "subjectId"])
export class AdjustmentEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_adjustment_period" })
  period?: AssessmentPeriodEntity;

  @Column({ name: "subject_type", type: "simple-enum", enum: ScoreSubject })
  subjectType: ScoreSubject;

  @Column({ name: "subject_id", type: "int" })
  subjectId: number;

  @Column({ type: "simple-enum", enum: AdjustmentType })
  type: AdjustmentType;

  /** Points in hundredths (≥ 0); 0 for a VETO. */
  @Column({ name: "points_hundredths", type: "int" })
  pointsHundredths: number;

  @Column({ type: "varchar", length: 500 })
  reason: string;

  @Column({ name: "created_by", type: "varchar", length: 64 })
  createdBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
