import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { CatalogEntity } from "./catalog.entity";
import { OrganizationEntity } from "./organization.entity";

/**
 * That a catalog was assigned to a subtree (定责). Lets a later appointment pick up the
 * post items of every catalog assigned above it, without running assignCatalog again.
 */
@Entity({ name: "catalog_assignment" })
@Index("uq_catalog_assignment", ["catalogId", "organizationId"], { unique: true })
export class CatalogAssignmentEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "catalog_id", type: "int" })
  catalogId: number;

  @ManyToOne(() => CatalogEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "catalog_id", foreignKeyConstraintName: "fk_catalog_assignment_catalog" })
  catalog?: CatalogEntity;

  /** The root of the subtree the catalog was applied to. */
  @Index("idx_catalog_assignment_organization")
  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_catalog_assignment_organization" })
  organization?: OrganizationEntity;

  @CreateDateColumn({ name: "assigned_at" })
  assignedAt: Date;
}
