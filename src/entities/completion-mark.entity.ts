import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { MarkSource } from "./responsibility-enums";
import { ResponsibilityEntity } from "./responsibility.entity";

/**
 * An assessor's figure for one responsibility in one period: the completion of an item
 * without a quantitative requirement (ENTERED), a replacement of the computed figure
 * (OVERRIDDEN), or an imported one; or "not applicable" (leaves both sums of the score).
 *
 * The completion is stored as integer ten-thousandths (0 … 10000) so it is exact on both
 * dialects; the service speaks fractions 0 … 1 with at most four decimals.
 */
@Entity({ name: "completion_mark" })
@Index("uq_completion_mark", ["responsibilityId", "periodId"], { unique: true })
@Index("idx_completion_mark_period", ["periodId"])
export class CompletionMarkEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "responsibility_id", type: "int" })
  responsibilityId: number;

  @ManyToOne(() => ResponsibilityEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "responsibility_id", foreignKeyConstraintName: "fk_completion_mark_responsibility" })
  responsibility?: ResponsibilityEntity;

  @Column({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_completion_mark_period" })
  period?: AssessmentPeriodEntity;

  /** 0 … 10000 (ten-thousandths); null when not applicable. */
  @Column({ name: "completion_e4", type: "int", nullable: true })
  completionE4: number | null;

  @Column({ name: "not_applicable", type: "boolean", default: false })
  notApplicable: boolean;

  @Column({ type: "simple-enum", enum: MarkSource })
  source: MarkSource;

  @Column({ type: "varchar", length: 500, nullable: true })
  note: string | null;

  @Column({ name: "set_by", type: "varchar", length: 64 })
  setBy: string;

  @UpdateDateColumn({ name: "set_at" })
  setAt: Date;
}
