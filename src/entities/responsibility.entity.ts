import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { AppointmentEntity } from "./appointment.entity";
import { CatalogItemEntity } from "./catalog-item.entity";
import { OrganizationEntity } from "./organization.entity";

/**
 * 定责: one catalog item applied to one organisation, held by the organisation itself
 * (appointmentId null) or by one post holder (an appointment of that organisation).
 *
 * `holderKey` is the appointment id, or 0 for the organisation's own duty. It exists for
 * the unique key (organization, holder, item) that makes assignCatalog idempotent: MySQL
 * treats NULLs in a unique key as distinct, so appointment_id alone could not do it.
 *
 * Structure per holder: `parentId` mirrors the item tree (a 小项's responsibility under its
 * 大项's) and also hangs an organisation's local sub-items under a catalog item.
 * 分解: `derivedFromId` names the responsibility of an ancestor (for a post duty: of its
 * own organisation, or an ancestor) that this one breaks down.
 *
 * Ids come from the pooled `responsibility` sequence (IdAllocator), so a bulk assignment
 * can link parents and derivations before inserting.
 */
@Entity({ name: "responsibility" })
@Index("uq_responsibility_holder_item", ["organizationId", "holderKey", "catalogItemId"], { unique: true })
@Index("idx_responsibility_item", ["catalogItemId"])
@Index("idx_responsibility_appointment", ["appointmentId"])
@Index("idx_responsibility_parent", ["parentId"])
@Index("idx_responsibility_derived_from", ["derivedFromId"])
export class ResponsibilityEntity {
  @PrimaryColumn({ type: "int" })
  id: number;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_responsibility_organization" })
  organization?: OrganizationEntity;

  @Column({ name: "holder_key", type: "int", default: 0 })
  holderKey: number;

  @Column({ name: "appointment_id", type: "int", nullable: true })
  appointmentId: number | null;

  @ManyToOne(() => AppointmentEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "appointment_id", foreignKeyConstraintName: "fk_responsibility_appointment" })
  appointment?: AppointmentEntity | null;

  @Column({ name: "catalog_item_id", type: "int" })
  catalogItemId: number;

  @ManyToOne(() => CatalogItemEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "catalog_item_id", foreignKeyConstraintName: "fk_responsibility_item" })
  catalogItem?: CatalogItemEntity;

  @Column({ name: "parent_id", type: "int", nullable: true })
  parentId: number | null;

  @ManyToOne(() => ResponsibilityEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "parent_id", foreignKeyConstraintName: "fk_responsibility_parent" })
  parent?: ResponsibilityEntity | null;

  @Column({ name: "derived_from_id", type: "int", nullable: true })
  derivedFromId: number | null;

  @ManyToOne(() => ResponsibilityEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "derived_from_id", foreignKeyConstraintName: "fk_responsibility_derived_from" })
  derivedFrom?: ResponsibilityEntity | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
