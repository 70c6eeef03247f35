import type { Dialect } from "../../db/data-source";
import { Grade } from "../../entities/scoring-enums";
import { OrgStatus } from "../../entities/enums";

/**
 * The one definition of a roll-up row (DOMAIN.md §3), as SQL.
 *
 * A node's figures are a function of its own assessment and its direct children's stored
 * rows, nothing else:
 *
 *   organization_count = 1 + Σ children.organization_count
 *   assessed_count     = [own] + Σ children.assessed_count
 *   score_sum          = own + Σ children.score_sum                       (hundredths)
 *   min/max_score      = min/max of own and children's min/max
 *   <grade>_count      = [own grade] + Σ children.<grade>_count
 *   children_assessed_count, children_score_sum = COUNT/SUM of the children's own scores
 *   attenuation_key    = floor(10^6 · (own·cc − cs) / cc)                 (ordering key only)
 *   moc_value          = round_half_up((own·10^8 + Σ children.moc_value) / k), k = [own] + #children with a value
 *
 * All of it is integer arithmetic (sums, counts, floor and half-up integer division), which
 * is exact and independent of the order rows are read in. The same text computes one node
 * (a score write recomputes the written node and then each ancestor, deepest first) and a
 * whole level (a recompute walks the levels deepest first), so incremental maintenance and
 * a full recompute produce identical rows, and MEAN_OF_CHILDREN's per-node rounding happens
 * identically in both. Bound: moc sums stay below 2^63 for up to 9·10^6 children per node.
 */
export const MOC_SCALE = 100_000_000; // moc_value units per hundredth: 10^-10 points
export const ATTENUATION_KEY_SCALE = 1_000_000; // attenuation_key units per hundredth

export const FIGURE_COLUMNS = [
  "own_score",
  "own_grade",
  "organization_count",
  "assessed_count",
  "score_sum",
  "min_score",
  "max_score",
  "excellent_count",
  "good_count",
  "fair_count",
  "poor_count",
  "children_assessed_count",
  "children_score_sum",
  "attenuation_key",
  "moc_value",
] as const;

const STRUCTURE_COLUMNS = ["parent_id", "path", "depth", "kind", "code"] as const;
const ALL_COLUMNS = ["period_id", "organization_id", ...STRUCTURE_COLUMNS, ...FIGURE_COLUMNS];

/** Which nodes a statement (re)computes. */
export type NodeSelection =
  /** These organisations (a chain, or a batch of chains, all at one depth or not). */
  | { kind: "ids"; ids: number[] }
  /** Every node at `depth`, within the path range when given (a subtree), else the whole forest. */
  | { kind: "level"; depth: number; range: { lower: string; upper: string } | null };

/**
 * Where the node rows come from: the period's own rows (`rows`: recompute the figures of
 * existing rows, keep their snapshot of the tree) or the live tree (`tree`: (re)create
 * the rows of ACTIVE organisations with their current parent, path, depth, kind and code).
 * Only the structure columns differ; the figures are the same expressions.
 */
export type NodeSource = "rows" | "tree";

export interface Statement {
  sql: string;
  params: unknown[];
}

export function idiv(dialect: Dialect, a: string, b: string): string {
  // Both engines truncate toward zero on integers; every use below has a ≥ 0 dividend or goes through floorDiv.
  return dialect === "mysql" ? `((${a}) DIV (${b}))` : `((${a}) / (${b}))`;
}

function floorDiv(dialect: Dialect, x: string, m: string): string {
  // x − ((x mod m) + m) mod m is the largest multiple of m ≤ x, so the division is exact.
  return idiv(dialect, `(${x}) - ((((${x}) % (${m})) + (${m})) % (${m}))`, m);
}

function figureExpressions(dialect: Dialect): string[] {
  const own = "a.score_hundredths";
  const hasOwn = `(CASE WHEN ${own} IS NULL THEN 0 ELSE 1 END)`;
  const gradeCount = (grade: Grade, column: string) =>
    `COALESCE(k.${column}, 0) + (CASE WHEN a.grade = '${grade}' THEN 1 ELSE 0 END)`;
  const mocCount = `(${hasOwn} + COALESCE(k.moc_count, 0))`;
  return [
    own,
    "a.grade",
    "1 + COALESCE(k.organization_count, 0)",
    `${hasOwn} + COALESCE(k.assessed_count, 0)`,
    `COALESCE(${own}, 0) + COALESCE(k.score_sum, 0)`,
    `CASE WHEN ${own} IS NULL THEN k.min_score WHEN k.min_score IS NULL OR ${own} < k.min_score THEN ${own} ELSE k.min_score END`,
    `CASE WHEN ${own} IS NULL THEN k.max_score WHEN k.max_score IS NULL OR ${own} > k.max_score THEN ${own} ELSE k.max_score END`,
    gradeCount(Grade.EXCELLENT, "excellent_count"),
    gradeCount(Grade.GOOD, "good_count"),
    gradeCount(Grade.FAIR, "fair_count"),
    gradeCount(Grade.POOR, "poor_count"),
    "COALESCE(k.own_count, 0)",
    "COALESCE(k.own_sum, 0)",
    `CASE WHEN ${own} IS NULL OR COALESCE(k.own_count, 0) = 0 THEN NULL ELSE ${floorDiv(
      dialect,
      `(${own} * k.own_count - k.own_sum) * ${ATTENUATION_KEY_SCALE}`,
      "k.own_count",
    )} END`,
    `CASE WHEN ${mocCount} = 0 THEN NULL ELSE ${idiv(
      dialect,
      `COALESCE(${own}, 0) * ${MOC_SCALE} + COALESCE(k.moc_sum, 0) + ${idiv(dialect, mocCount, "2")}`,
      mocCount,
    )} END`,
  ];
}

/** Aggregates of the children of the selected nodes, one row per parent. */
function childrenAggregate(periodId: number, selection: NodeSelection): Statement {
  let filter: string;
  const params: unknown[] = [periodId];
  if (selection.kind === "ids") {
    filter = `c.parent_id IN (${placeholders(selection.ids.length)})`;
    params.push(...selection.ids);
  } else {
    filter = "c.depth = ?";
    params.push(selection.depth + 1);
    if (selection.range) {
      filter += " AND c.path >= ? AND c.path < ?";
      params.push(selection.range.lower, selection.range.upper);
    }
  }
  return {
    sql: `SELECT c.parent_id AS parent_id,
        SUM(c.organization_count) AS organization_count, SUM(c.assessed_count) AS assessed_count,
        SUM(c.score_sum) AS score_sum, MIN(c.min_score) AS min_score, MAX(c.max_score) AS max_score,
        SUM(c.excellent_count) AS excellent_count, SUM(c.good_count) AS good_count,
        SUM(c.fair_count) AS fair_count, SUM(c.poor_count) AS poor_count,
        COUNT(c.own_score) AS own_count, SUM(c.own_score) AS own_sum,
        COUNT(c.moc_value) AS moc_count, SUM(c.moc_value) AS moc_sum
      FROM score_rollup c
      WHERE c.period_id = ? AND ${filter}
      GROUP BY c.parent_id`,
    params,
  };
}

/**
 * Recomputes (and for the `tree` source, creates) the rows of the selected nodes from
 * their assessments and their children's rows. The children must be current: callers go
 * deepest first.
 */
export function recomputeStatement(dialect: Dialect, periodId: number, source: NodeSource, selection: NodeSelection): Statement {
  const children = childrenAggregate(periodId, selection);
  const figures = figureExpressions(dialect);
  let nodeTable: string;
  let idColumn: string;
  let nodeFilter: string;
  const nodeParams: unknown[] = [];
  if (source === "rows") {
    nodeTable = "score_rollup n";
    idColumn = "n.organization_id";
    nodeFilter = "n.period_id = ?";
    nodeParams.push(periodId);
  } else {
    nodeTable = "organization n";
    idColumn = "n.id";
    nodeFilter = `n.status = '${OrgStatus.ACTIVE}'`;
  }
  if (selection.kind === "ids") {
    nodeFilter += ` AND ${idColumn} IN (${placeholders(selection.ids.length)})`;
    nodeParams.push(...selection.ids);
  } else {
    nodeFilter += " AND n.depth = ?";
    nodeParams.push(selection.depth);
    if (selection.range) {
      nodeFilter += " AND n.path >= ? AND n.path < ?";
      nodeParams.push(selection.range.lower, selection.range.upper);
    }
  }
  const select = `SELECT ?, ${idColumn}, n.parent_id, n.path, n.depth, n.kind, n.code, ${figures.join(", ")}
    FROM ${nodeTable}
    LEFT JOIN assessment a ON a.period_id = ? AND a.organization_id = ${idColumn}
    LEFT JOIN (${children.sql}) k ON k.parent_id = ${idColumn}
    WHERE ${nodeFilter}`;
  const updated = source === "rows" ? [...FIGURE_COLUMNS] : [...STRUCTURE_COLUMNS, ...FIGURE_COLUMNS];
  return {
    sql: `INSERT INTO score_rollup (${ALL_COLUMNS.join(", ")}) ${select} ${upsertTail(dialect, updated)}`,
    params: [periodId, periodId, ...children.params, ...nodeParams],
  };
}

function upsertTail(dialect: Dialect, columns: readonly string[]): string {
  if (dialect === "mysql") return `ON DUPLICATE KEY UPDATE ${columns.map((c) => `${c} = VALUES(${c})`).join(", ")}`;
  return `ON CONFLICT (period_id, organization_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(", ")}`;
}

export function placeholders(count: number): string {
  return new Array<string>(count).fill("?").join(", ");
}
