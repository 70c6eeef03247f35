import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { CatalogEntity } from "./catalog.entity";
import { decimalToNumber } from "./decimal.transformer";
import { OrgKind } from "./enums";
import { DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit } from "./responsibility-enums";

/**
 * One item of a catalog (大项, or a 小项 under one; any depth through `parentId`). Its
 * subject is exactly one of an organisation kind or a post kind.
 *
 * A quantitative item (`requiredCount` set) asks for at least `requiredCount` fulfilment
 * records (of `requiredEvidenceKind`, or of any kind when that is null) per
 * `requiredUnit`; its completion is computed (services/responsibility/requirement.ts).
 * Any other item is marked by an assessor.
 */
@Entity({ name: "catalog_item" })
@Index("uq_catalog_item_code", ["catalogId", "code"], { unique: true })
@Index("idx_catalog_item_parent", ["parentId", "position"])
export class CatalogItemEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "catalog_id", type: "int" })
  catalogId: number;

  @ManyToOne(() => CatalogEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "catalog_id", foreignKeyConstraintName: "fk_catalog_item_catalog" })
  catalog?: CatalogEntity;

  /** The 大项 this 小项 belongs to, in the same catalog; null for a top-level item. */
  @Column({ name: "parent_id", type: "int", nullable: true })
  parentId: number | null;

  @ManyToOne(() => CatalogItemEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "parent_id", foreignKeyConstraintName: "fk_catalog_item_parent" })
  parent?: CatalogItemEntity | null;

  /** Order among siblings (0, 1, 2 …). */
  @Column({ type: "int" })
  position: number;

  /** Unique within the catalog and kept across its versions, so versions can be compared. */
  @Column({ type: "varchar", length: 64 })
  code: string;

  @Column({ type: "varchar", length: 200 })
  title: string;

  @Column({ type: "text" })
  description: string;

  @Column({ name: "subject_org_kind", type: "simple-enum", enum: OrgKind, nullable: true })
  subjectOrgKind: OrgKind | null;

  @Column({ name: "subject_post_kind", type: "simple-enum", enum: PostKind, nullable: true })
  subjectPostKind: PostKind | null;

  @Column({ name: "duty_type", type: "simple-enum", enum: DutyType })
  dutyType: DutyType;

  @Column({ type: "simple-enum", enum: DutyCategory })
  category: DutyCategory;

  /** > 0, two decimals. */
  @Column({ type: "decimal", precision: 7, scale: 2, transformer: decimalToNumber })
  weight: number;

  /** The kinds of evidence that show the item done (a JSON array of EvidenceKind). */
  @Column({ name: "evidence_kinds", type: "simple-json" })
  evidenceKinds: EvidenceKind[];

  @Column({ name: "required_count", type: "int", nullable: true })
  requiredCount: number | null;

  @Column({ name: "required_unit", type: "simple-enum", enum: RequirementUnit, nullable: true })
  requiredUnit: RequirementUnit | null;

  /** Which records count toward the requirement; null: records of any kind. */
  @Column({ name: "required_evidence_kind", type: "simple-enum", enum: EvidenceKind, nullable: true })
  requiredEvidenceKind: EvidenceKind | null;

  /**
   * 分解 built into the catalog: this item breaks down `derivesFromId` (an item of the same
   * catalog whose subject is an organisation kind). On assignment, the responsibility
   * derives from that item's responsibility at the nearest organisation above that holds
   * it (for a post's item: the post's own organisation first).
   */
  @Column({ name: "derives_from_id", type: "int", nullable: true })
  derivesFromId: number | null;

  @ManyToOne(() => CatalogItemEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "derives_from_id", foreignKeyConstraintName: "fk_catalog_item_derives_from" })
  derivesFrom?: CatalogItemEntity | null;
}
