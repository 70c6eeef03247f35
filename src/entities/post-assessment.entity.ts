import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { AppointmentEntity } from "./appointment.entity";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { PostKind } from "./responsibility-enums";
import { Grade, ScoreSource } from "./scoring-enums";

/**
 * 述职评议: a post holder's score in one period, scored like an organisation's own score
 * (items held by the appointment, 三评, adjustments) or imported. The organisation and the
 * post kind are copied from the appointment (which never changes them) so that the
 * "secretaries vs other leadership members" comparison is one range scan of a subtree.
 */
@Entity({ name: "post_assessment" })
@Index("idx_post_assessment_organization", ["periodId", "organizationId"])
@Index("idx_post_assessment_appointment", ["appointmentId"])
export class PostAssessmentEntity {
  @PrimaryColumn({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_post_assessment_period" })
  period?: AssessmentPeriodEntity;

  @PrimaryColumn({ name: "appointment_id", type: "int" })
  appointmentId: number;

  @ManyToOne(() => AppointmentEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "appointment_id", foreignKeyConstraintName: "fk_post_assessment_appointment" })
  appointment?: AppointmentEntity;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @Column({ name: "post_kind", type: "simple-enum", enum: PostKind })
  postKind: PostKind;

  @Column({ name: "score_hundredths", type: "int" })
  scoreHundredths: number;

  @Column({ type: "simple-enum", enum: Grade })
  grade: Grade;

  @Column({ type: "simple-enum", enum: ScoreSource })
  source: ScoreSource;

  @Column({ type: "simple-json" })
  provenance: object;

  @Column({ name: "updated_by", type: "varchar", length: 64 })
  updatedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
