import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { OrganizationEntity } from "./organization.entity";

/**
 * 负面清单: an organisation listed for one period, with the reason. While listed its grade
 * in that period may not be EXCELLENT (不得评为"好"). At most one entry per organisation and
 * period; removing an entry deletes the row (the audit log keeps it).
 */
@Entity({ name: "negative_list_entry" })
@Index("uq_negative_list_entry_period_org", ["periodId", "organizationId"], { unique: true })
@Index("idx_negative_list_entry_org", ["organizationId"])
export class NegativeListEntryEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_negative_list_entry_organization" })
  organization?: OrganizationEntity;

  @Column({ name: "period_id", type: "int" })
  periodId: number;

  @ManyToOne(() => AssessmentPeriodEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "period_id", foreignKeyConstraintName: "fk_negative_list_entry_period" })
  period?: AssessmentPeriodEntity;

  @Column({ type: "text" })
  reason: string;

  @Column({ name: "listed_by", type: "varchar", length: 64 })
  listedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
