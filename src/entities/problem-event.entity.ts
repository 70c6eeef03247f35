import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { OrganizationEntity } from "./organization.entity";
import { ProblemAction, ProblemState } from "./oversight-enums";
import { ProblemEntity } from "./problem.entity";
import { RectificationProjectEntity } from "./rectification-project.entity";

/**
 * One step of a problem's history: who did what on which day, the state before and after,
 * the deadline before and after, and why. Append-only. `seq` numbers a problem's events
 * from 1, and `occurredOn` never decreases along it, so "the state on day X" is the event
 * with the highest seq among those on or before X (see scoring-facts.ts and the reports).
 *
 * The first event (RECORD) is dated the day the problem was found; every later one the day
 * it was recorded (the service's clock).
 *
 * `organizationId` and `holderAppointmentId` are not foreign keys on purpose: they copy
 * the problem's (which has the keys), and a key here would make every event insert lock
 * the organisation and appointment rows in share mode.
 */
@Entity({ name: "problem_event" })
@Index("uq_problem_event_seq", ["problemId", "seq"], { unique: true })
@Index("idx_problem_event_org_occurred", ["organizationId", "occurredOn"])
@Index("idx_problem_event_holder_occurred", ["holderAppointmentId", "occurredOn"])
export class ProblemEventEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "problem_id", type: "int" })
  problemId: number;

  @ManyToOne(() => ProblemEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "problem_id", foreignKeyConstraintName: "fk_problem_event_problem" })
  problem?: ProblemEntity;

  @Column({ type: "int" })
  seq: number;

  /**
   * The problem's organisation and the appointment holding the breached responsibility
   * (null for an organisation's own duty), copied from the problem, which never changes
   * them: the score facts read one organisation's (or post holder's) history by index,
   * with locking reads, without touching the problem rows a transition locks.
   */
  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @Column({ name: "holder_appointment_id", type: "int", nullable: true })
  holderAppointmentId: number | null;

  @Column({ type: "simple-enum", enum: ProblemAction })
  action: ProblemAction;

  /** Null for RECORD. */
  @Column({ name: "from_state", type: "simple-enum", enum: ProblemState, nullable: true })
  fromState: ProblemState | null;

  @Column({ name: "to_state", type: "simple-enum", enum: ProblemState })
  toState: ProblemState;

  @Column({ name: "deadline_before", type: "date", nullable: true })
  deadlineBefore: string | null;

  @Column({ name: "deadline_after", type: "date", nullable: true })
  deadlineAfter: string | null;

  /** YYYY-MM-DD: the day it happened. */
  @Column({ name: "occurred_on", type: "date" })
  occurredOn: string;

  /** Why (a missed deadline, a rejected or reopened problem) or what was done (申请销号). */
  @Column({ type: "text", nullable: true })
  reason: string | null;

  /** The rectification project a START_RECTIFICATION set. */
  @Column({ name: "project_id", type: "int", nullable: true })
  projectId: number | null;

  @ManyToOne(() => RectificationProjectEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "project_id", foreignKeyConstraintName: "fk_problem_event_project" })
  project?: RectificationProjectEntity | null;

  /** The organisation that verified a VERIFY (销号): a superior, or a discipline committee. */
  @Column({ name: "verifier_organization_id", type: "int", nullable: true })
  verifierOrganizationId: number | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "verifier_organization_id", foreignKeyConstraintName: "fk_problem_event_verifier" })
  verifierOrganization?: OrganizationEntity | null;

  /** Null for the system itself. */
  @Column({ name: "actor_id", type: "int", nullable: true })
  actorId: number | null;

  @Column({ name: "actor_name", type: "varchar", length: 64 })
  actorName: string;

  @CreateDateColumn({ name: "recorded_at" })
  recordedAt: Date;
}
