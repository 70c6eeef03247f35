import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { OrgKind } from "./enums";
import { Grade } from "./scoring-enums";

/** Integer columns that mysql2 may return as strings (BIGINT with bigNumberStrings) read as numbers. */
const integer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * 汇总: the stored roll-up of one organisation's subtree in one period, plus a snapshot of
 * where the organisation sat in the tree for that period (parent, path, depth, kind, code).
 *
 * Rows exist for the ACTIVE organisations of a period's tree. While the period is OPEN the
 * snapshot follows the tree (tree-events: create, move, dissolve update it in the tree's own
 * transaction); once it is CLOSED nothing rewrites its rows, so a later move cannot change
 * a closed period's figures, chains, rankings or level profiles: every subtree read of a
 * period is a range over this table's (period_id, path), not over the live tree.
 *
 * Every figure is an integer, and each row is a function of its own assessment and its
 * direct children's rows only (rollup-statements.ts), evaluated by the same SQL statement
 * for one node (incremental) or a whole level (recompute), so the two agree exactly.
 *
 * - scores, sums, min/max: hundredths of a point;
 * - attenuation_key = floor(10^6 · (own − childrenSum/childrenCount)) in hundredths, an
 *   ordering key only (hot spots sort by it, ties within one key are ordered exactly in
 *   code); the exact attenuation is computed on read from own, children_score_sum and
 *   children_assessed_count;
 * - moc_value: the MEAN_OF_CHILDREN value in units of 10^-8 hundredths (10^-10 points),
 *   rounded half up at each node from integers: value(n) = round((own·10^8 + Σ value(c)) / k).
 */
@Entity({ name: "score_rollup" })
@Index("uq_score_rollup_path", ["periodId", "path"], { unique: true })
@Index("idx_score_rollup_parent", ["periodId", "parentId"])
@Index("idx_score_rollup_depth", ["periodId", "depth", "path"])
@Index("idx_score_rollup_own_score", ["periodId", "ownScore"])
@Index("idx_score_rollup_kind_score", ["periodId", "kind", "ownScore"])
@Index("idx_score_rollup_attenuation", ["periodId", "attenuationKey"])
@Index("idx_score_rollup_kind_attenuation", ["periodId", "kind", "attenuationKey"])
export class ScoreRollupEntity {
  @PrimaryColumn({ name: "period_id", type: "int" })
  periodId: number;

  @PrimaryColumn({ name: "organization_id", type: "int" })
  organizationId: number;

  /** The parent in this period's tree; null for a root. No foreign key: the row is derived data. */
  @Column({ name: "parent_id", type: "int", nullable: true })
  parentId: number | null;

  /** The materialized path in this period's tree (organization-path.ts). */
  @Column({ type: "varchar", length: 255 })
  path: string;

  @Column({ type: "int" })
  depth: number;

  @Column({ type: "simple-enum", enum: OrgKind })
  kind: OrgKind;

  /** The organisation's code, for the contract's "ties by code" orders without a join. */
  @Column({ type: "varchar", length: 64 })
  code: string;

  /** The own score (hundredths) and grade, copied from `assessment`; null when not assessed. */
  @Column({ name: "own_score", type: "int", nullable: true })
  ownScore: number | null;

  @Column({ name: "own_grade", type: "simple-enum", enum: Grade, nullable: true })
  ownGrade: Grade | null;

  @Column({ name: "organization_count", type: "int" })
  organizationCount: number;

  @Column({ name: "assessed_count", type: "int" })
  assessedCount: number;

  @Column({ name: "score_sum", type: "bigint", transformer: integer })
  scoreSum: number;

  @Column({ name: "min_score", type: "int", nullable: true })
  minScore: number | null;

  @Column({ name: "max_score", type: "int", nullable: true })
  maxScore: number | null;

  @Column({ name: "excellent_count", type: "int" })
  excellentCount: number;

  @Column({ name: "good_count", type: "int" })
  goodCount: number;

  @Column({ name: "fair_count", type: "int" })
  fairCount: number;

  @Column({ name: "poor_count", type: "int" })
  poorCount: number;

  /** Assessed direct children and the sum of their own scores (hundredths). */
  @Column({ name: "children_assessed_count", type: "int" })
  childrenAssessedCount: number;

  @Column({ name: "children_score_sum", type: "bigint", transformer: integer })
  childrenScoreSum: number;

  @Column({ name: "attenuation_key", type: "bigint", nullable: true, transformer: integer })
  attenuationKey: number | null;

  @Column({ name: "moc_value", type: "bigint", nullable: true, transformer: integer })
  mocValue: number | null;
}
