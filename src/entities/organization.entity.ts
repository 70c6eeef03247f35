import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { AdminLevel, OrgKind, OrgStatus } from "./enums";

/**
 * One party organisation (党组织). The tree is kept as a materialized path so that
 * subtree, ancestor and children reads are index range scans (DOMAIN.md §2).
 *
 * `path` is the ids of the root … this node, each zero-padded to 10 digits and
 * followed by "/" (see organization-path.ts). It is ours and derived from ids,
 * so parsing it is safe; the external `code` is opaque and never parsed.
 */
@Entity({ name: "organization" })
@Index("idx_organization_parent_code", ["parentId", "code"])
@Index("idx_organization_kind_code", ["kind", "code"])
@Index("idx_organization_region_code", ["regionCode", "code"])
export class OrganizationEntity {
  /** Allocated by IdAllocator, not AUTO_INCREMENT, so bulk imports can compute paths before inserting. */
  @PrimaryColumn({ type: "int" })
  id: number;

  /** Unique, case-sensitive (binary collation on MySQL; SQLite compares bytes). */
  @Index("uq_organization_code", { unique: true })
  @Column({ type: "varchar", length: 64 })
  code: string;

  @Column({ type: "varchar", length: 200 })
  name: string;

  @Column({ type: "simple-enum", enum: OrgKind })
  kind: OrgKind;

  @Column({ type: "simple-enum", enum: AdminLevel })
  level: AdminLevel;

  @Column({ name: "region_code", type: "varchar", length: 6 })
  regionCode: string;

  @Column({ name: "member_count", type: "int", default: 0 })
  memberCount: number;

  @Column({ type: "simple-enum", enum: OrgStatus, default: OrgStatus.ACTIVE })
  status: OrgStatus;

  @Column({ name: "parent_id", type: "int", nullable: true })
  parentId: number | null;

  /** Declared for the foreign key only; reads go through loaders, never lazy relations. */
  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "parent_id", foreignKeyConstraintName: "fk_organization_parent" })
  parent?: OrganizationEntity | null;

  @Index("uq_organization_path", { unique: true })
  @Column({ type: "varchar", length: 255 })
  path: string;

  /** 0 for a root. */
  @Column({ type: "int" })
  depth: number;

  @Column({ name: "dissolved_at", type: "datetime", nullable: true })
  dissolvedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
