import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { AppointmentEntity } from "./appointment.entity";
import { OrganizationEntity } from "./organization.entity";
import {
  AccountabilityCaseKind,
  AccountabilityForm,
  AccountabilityStatus,
  AccountabilitySubject,
  LeadershipRole,
} from "./oversight-enums";

/**
 * 问责: a case against an organisation or a post holder. A DIRECT case is decided when it
 * is recorded (form, deciding organisation, date). A DIRECT case against a post holder at
 * organisation O opens LEADERSHIP_REVIEW cases (一案双查) against O's secretary and the
 * leadership member in charge; they point at it through `primaryCaseId` and are decided
 * (or cleared) later. Only DECIDED cases count, in the period of `decidedOn`.
 *
 * `organizationId` is the organisation the case concerns (for a post holder: the
 * appointment's organisation), so scope checks and subtree reports work alike for both.
 */
@Entity({ name: "accountability_case" })
@Index("idx_accountability_case_org_decided", ["organizationId", "decidedOn"])
@Index("idx_accountability_case_appointment", ["appointmentId", "decidedOn"])
@Index("idx_accountability_case_primary", ["primaryCaseId"])
export class AccountabilityCaseEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ type: "simple-enum", enum: AccountabilityCaseKind })
  kind: AccountabilityCaseKind;

  /** For a LEADERSHIP_REVIEW: which leader it concerns. */
  @Column({ name: "review_role", type: "simple-enum", enum: LeadershipRole, nullable: true })
  reviewRole: LeadershipRole | null;

  @Column({ name: "primary_case_id", type: "int", nullable: true })
  primaryCaseId: number | null;

  @ManyToOne(() => AccountabilityCaseEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "primary_case_id", foreignKeyConstraintName: "fk_accountability_case_primary" })
  primaryCase?: AccountabilityCaseEntity | null;

  @Column({ name: "subject_type", type: "simple-enum", enum: AccountabilitySubject })
  subjectType: AccountabilitySubject;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_accountability_case_organization" })
  organization?: OrganizationEntity;

  /** The post holder, for a POST_HOLDER case. */
  @Column({ name: "appointment_id", type: "int", nullable: true })
  appointmentId: number | null;

  @ManyToOne(() => AppointmentEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "appointment_id", foreignKeyConstraintName: "fk_accountability_case_appointment" })
  appointment?: AppointmentEntity | null;

  @Column({ type: "simple-enum", enum: AccountabilityStatus })
  status: AccountabilityStatus;

  /** Null until decided. */
  @Column({ type: "simple-enum", enum: AccountabilityForm, nullable: true })
  form: AccountabilityForm | null;

  /** Who decided: a superior organisation or a discipline committee. */
  @Column({ name: "deciding_organization_id", type: "int", nullable: true })
  decidingOrganizationId: number | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "deciding_organization_id", foreignKeyConstraintName: "fk_accountability_case_deciding" })
  decidingOrganization?: OrganizationEntity | null;

  /** YYYY-MM-DD of the decision; null until decided. */
  @Column({ name: "decided_on", type: "date", nullable: true })
  decidedOn: string | null;

  /** YYYY-MM-DD of the wrongdoing, when known: the leaders reviewed are those in post that day. */
  @Column({ name: "incident_on", type: "date", nullable: true })
  incidentOn: string | null;

  /** The facts and grounds of the case. */
  @Column({ type: "text" })
  description: string;

  /** How a review ended (decision or clearance note). */
  @Column({ type: "text", nullable: true })
  resolution: string | null;

  @Column({ name: "recorded_by", type: "varchar", length: 64 })
  recordedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
