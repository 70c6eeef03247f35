import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { OrganizationEntity } from "./organization.entity";
import { InspectionMethod } from "./oversight-enums";

/**
 * 督查: one inspection of an organisation by a superior one, or by a discipline committee
 * (services/oversight/oversight-rules.ts, mayOversee). What it finds is recorded as
 * problems that name it.
 */
@Entity({ name: "inspection" })
@Index("idx_inspection_inspected", ["inspectedOrganizationId", "date"])
@Index("idx_inspection_inspecting", ["inspectingOrganizationId", "date"])
export class InspectionEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "inspecting_organization_id", type: "int" })
  inspectingOrganizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "inspecting_organization_id", foreignKeyConstraintName: "fk_inspection_inspecting" })
  inspectingOrganization?: OrganizationEntity;

  @Column({ name: "inspected_organization_id", type: "int" })
  inspectedOrganizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "inspected_organization_id", foreignKeyConstraintName: "fk_inspection_inspected" })
  inspectedOrganization?: OrganizationEntity;

  /** YYYY-MM-DD: the day of the inspection. */
  @Column({ type: "date" })
  date: string;

  @Column({ type: "simple-enum", enum: InspectionMethod })
  method: InspectionMethod;

  @Column({ type: "text" })
  findings: string;

  @Column({ name: "recorded_by", type: "varchar", length: 64 })
  recordedBy: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
