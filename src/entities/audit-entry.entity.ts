import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One successful change, written in the transaction of the change itself: a rolled-back
 * mutation leaves no entry and a committed one always has its entry. Append-only: no code
 * path updates or deletes a row (a deployment can also REVOKE UPDATE, DELETE on the table).
 *
 * No foreign keys on purpose: the history must stay readable whatever happens to the rows
 * it names, so the actor's name and the target are copied, not referenced.
 */
@Entity({ name: "audit_entry" })
@Index("idx_audit_entry_action", ["action", "id"])
@Index("idx_audit_entry_actor", ["actorName", "id"])
@Index("idx_audit_entry_target", ["targetType", "targetId", "id"])
@Index("idx_audit_entry_org_path", ["orgPath", "id"])
@Index("idx_audit_entry_occurred_at", ["occurredAt"])
export class AuditEntryEntity {
  /** Also the order of events: the log pages newest first by id. */
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** Null for the system itself (start-up, command-line tools). */
  @Column({ name: "actor_id", type: "int", nullable: true })
  actorId: number | null;

  /** The actor's username when it acted ("system" for the system). */
  @Column({ name: "actor_name", type: "varchar", length: 64 })
  actorName: string;

  /** What was done, e.g. "user.create" (audit-action.ts lists them). */
  @Column({ type: "varchar", length: 64 })
  action: string;

  /** GraphQL type name of the target, e.g. "User", "Organization". */
  @Column({ name: "target_type", type: "varchar", length: 64 })
  targetType: string;

  /** The target's local id, as text so any kind of key fits. */
  @Column({ name: "target_id", type: "varchar", length: 64, nullable: true })
  targetId: string | null;

  /**
   * Materialized path of the organisation the change concerns (for a user: its scope), so a
   * scoped administrator sees the entries of its own subtree only; null for forest-wide changes.
   */
  @Column({ name: "org_path", type: "varchar", length: 255, nullable: true })
  orgPath: string | null;

  /** JSON snapshots (never secrets such as password hashes); null for a creation, resp. a removal. */
  @Column({ type: "simple-json", nullable: true })
  before: object | null;

  @Column({ type: "simple-json", nullable: true })
  after: object | null;

  @CreateDateColumn({ name: "occurred_at" })
  occurredAt: Date;

  @Column({ name: "request_id", type: "varchar", length: 64 })
  requestId: string;
}
