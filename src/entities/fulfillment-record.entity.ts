import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { EvidenceKind } from "./responsibility-enums";
import { ResponsibilityEntity } from "./responsibility.entity";

/** A link to evidence kept elsewhere: the service stores no files, only where they are and what they hash to. */
export interface AttachmentLink {
  url: string;
  /** Lower-case hex SHA-256 of the file's bytes, so a later change of the file shows. */
  sha256: string;
}

/**
 * 履责纪实: dated evidence that a responsibility was carried out. Append-only in this
 * version. The date must lie in an assessment period (and not in a closed one) and not in
 * the future.
 */
@Entity({ name: "fulfillment_record" })
@Index("idx_fulfillment_record_responsibility_date", ["responsibilityId", "date"])
export class FulfillmentRecordEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "responsibility_id", type: "int" })
  responsibilityId: number;

  @ManyToOne(() => ResponsibilityEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "responsibility_id", foreignKeyConstraintName: "fk_fulfillment_record_responsibility" })
  responsibility?: ResponsibilityEntity;

  /** YYYY-MM-DD: the day the duty was carried out (not the day it was recorded). */
  @Column({ type: "date" })
  date: string;

  @Column({ name: "evidence_kind", type: "simple-enum", enum: EvidenceKind })
  evidenceKind: EvidenceKind;

  @Column({ type: "text" })
  summary: string;

  @Column({ type: "simple-json" })
  attachments: AttachmentLink[];

  /** Who recorded it (the user's name once accounts exist; "system" until then). */
  @Column({ name: "recorded_by", type: "varchar", length: 64 })
  recordedBy: string;

  @CreateDateColumn({ name: "recorded_at" })
  recordedAt: Date;
}
