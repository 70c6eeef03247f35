import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { EvaluationKind, ScoreSubject } from "./scoring-enums";

/**
 * 三评: one evaluation (SELF 个人自评, CADRE 干部测评, COMMITTEE 委员议评) of an organisation
 * or a post holder in a period. Recording the same kind again replaces it (one row per
 * subject, period and kind). A CADRE evaluation may be ballot counts of 好/较好/一般/差
 * instead of a score; the formula turns them into 100 · Σ coefficient · share.
 *
 * The subject is (subject_type, subject_id) rather than two nullable foreign keys, because
 * MySQL treats NULLs in a unique key as distinct and the uniqueness matters more here.
 */
@Entity({ name: "evaluation" })
@Index("uq_evaluation_subject_kind", ["periodId", "subjectType", "subjectId", "kind"], { unique: true })
export class EvaluationEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_evaluation_period" })
  period?: AssessmentPeriodEntity;

  @Column({ name: "subject_type", type: "simple-enum", enum: ScoreSubject })
  subjectType: ScoreSubject;

  /** An organisation id or an appointment id, by subject_type. */
  @Column({ name: "subject_id", type: "int" })
  subjectId: number;

  @Column({ type: "simple-enum", enum: EvaluationKind })
  kind: EvaluationKind;

  /** 0 … 10000 hundredths; null when given as ballots. */
  @Column({ name: "score_hundredths", type: "int", nullable: true })
  scoreHundredths: number | null;

  @Column({ name: "ballots_excellent", type: "int", nullable: true })
  ballotsExcellent: number | null;

  @Column({ name: "ballots_good", type: "int", nullable: true })
  ballotsGood: number | null;

  @Column({ name: "ballots_fair", type: "int", nullable: true })
  ballotsFair: number | null;

  @Column({ name: "ballots_poor", type: "int", nullable: true })
  ballotsPoor: number | null;

  @Column({ name: "entered_by", type: "varchar", length: 64 })
  enteredBy: string;

  @UpdateDateColumn({ name: "entered_at" })
  enteredAt: Date;
}
