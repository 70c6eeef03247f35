import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { OrganizationEntity } from "./organization.entity";
import { Grade, ScoreSource } from "./scoring-enums";

/**
 * 考核: an organisation's own score in one period (DOMAIN.md §3). The score is integer
 * hundredths, rounded half up from the exact formula result (services/scoring/score-formula.ts),
 * so both dialects store and sum it exactly. `provenance` keeps every input and step
 * (items with weight, completion, source, by/at; each evaluation; bonuses, deductions,
 * veto, negative list; the rules and thresholds used), so a grade can be re-derived by hand.
 *
 * Rows are kept when an organisation is dissolved: history stays readable. Roll-ups count
 * ACTIVE organisations only (score_rollup).
 */
@Entity({ name: "assessment" })
@Index("idx_assessment_organization", ["organizationId", "periodId"])
export class AssessmentEntity {
  @PrimaryColumn({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_assessment_period" })
  period?: AssessmentPeriodEntity;

  @PrimaryColumn({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_assessment_organization" })
  organization?: OrganizationEntity;

  /** 0 … 10000: the score in hundredths of a point. */
  @Column({ name: "score_hundredths", type: "int" })
  scoreHundredths: number;

  @Column({ type: "simple-enum", enum: Grade })
  grade: Grade;

  @Column({ type: "simple-enum", enum: ScoreSource })
  source: ScoreSource;

  /** ScoreProvenance (computed) or ImportProvenance (imported); see services/scoring/. */
  @Column({ type: "simple-json" })
  provenance: object;

  /** Username of whoever last set the score ("system" for tools). */
  @Column({ name: "updated_by", type: "varchar", length: 64 })
  updatedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
