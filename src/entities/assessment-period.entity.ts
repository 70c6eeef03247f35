import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ScoringRules } from "../services/period/scoring-rules";
import { PeriodKind, PeriodStatus } from "./period-enums";

/** 考核周期: OPEN while scores change, CLOSED (immutable, roll-ups frozen) afterwards. */
@Entity({ name: "assessment_period" })
export class AssessmentPeriodEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Index("uq_assessment_period_code", { unique: true })
  @Column({ type: "varchar", length: 16 })
  code: string;

  @Column({ type: "simple-enum", enum: PeriodKind })
  kind: PeriodKind;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: "start_date", type: "date" })
  startDate: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: "end_date", type: "date" })
  endDate: string;

  @Column({ type: "simple-enum", enum: PeriodStatus, default: PeriodStatus.OPEN })
  status: PeriodStatus;

  /** The rules this period is scored with, stored so that old grades stay reproducible. */
  @Column({ type: "simple-json" })
  rules: ScoringRules;

  @Column({ name: "closed_at", type: "datetime", nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
