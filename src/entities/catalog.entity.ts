import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { OrganizationEntity } from "./organization.entity";
import { CatalogStatus } from "./responsibility-enums";

/**
 * 责任清单: one version of a list of responsibility items. A catalog is identified by
 * `code` and versioned: version 1 is created as a DRAFT, edited, then PUBLISHED, after
 * which it never changes; a change starts a new DRAFT version copied from the latest.
 * Responsibilities point at the items of the version they were assigned from, so an old
 * period's figures keep the wording and weights they were scored with.
 *
 * A catalog with an `ownerOrganizationId` is that organisation's local list (its own
 * additions and sub-items, 自定清单); it is never versioned or assigned elsewhere, and
 * items are only ever added to it.
 */
@Entity({ name: "catalog" })
@Index("uq_catalog_code_version", ["code", "version"], { unique: true })
export class CatalogEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ type: "varchar", length: 64 })
  code: string;

  /** 1, 2, 3 … per code. */
  @Column({ type: "int" })
  version: number;

  @Column({ type: "varchar", length: 200 })
  title: string;

  @Column({ type: "text", nullable: true })
  description: string | null;

  @Column({ type: "simple-enum", enum: CatalogStatus, default: CatalogStatus.DRAFT })
  status: CatalogStatus;

  @Index("idx_catalog_owner")
  @Column({ name: "owner_organization_id", type: "int", nullable: true })
  ownerOrganizationId: number | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "owner_organization_id", foreignKeyConstraintName: "fk_catalog_owner" })
  ownerOrganization?: OrganizationEntity | null;

  @Column({ name: "published_at", type: "datetime", nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
