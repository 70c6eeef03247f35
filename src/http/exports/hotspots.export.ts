import { compareAttenuationDescending, compareCodes } from "../../services/scoring/rollup-view";
import type { RequestContext } from "../../services/request-context";
import { CHUNK_ROWS, columnsOf, formatted, pinned, type ExportDataset, type ExportQuery, type ExportRow } from "./export-dataset";
import { hundredthsText, integerText, ratioText } from "./export-format";
import { enumLabel, HEADERS } from "./export-labels";
import type { ExportScope } from "./export-scope";

/**
 * 衰减热点: every assessed organisation of the subtree with at least one assessed direct
 * child, by attenuation descending, ties by code ascending (the order of the API's
 * attenuationHotspots, without its limit of 100); equal attenuations share a rank (1, 2, 2, 4).
 *
 * The order is exact, yet only a chunk is held at a time. score_rollup.attenuation_key is
 * floor(10^6 · attenuation in hundredths), indexed with the period, so walking that index
 * downwards gives the rows in order up to ties within one key:
 *
 * 1. the CHUNK_ROWS-th largest key k below the previous chunk's last key (one index read);
 * 2. the rows whose key lies above k: fewer than CHUNK_ROWS, sorted exactly here by
 *    cross-multiplication (rollup-view.ts compareAttenuationDescending), then by code;
 * 3. the rows whose key is k, paged in SQL by the attenuation as a double, then code.
 *    Equal attenuations (equal fractions of integers) give equal doubles; distinct ones
 *    differ by at least 1 / (cc₁ · cc₂) hundredths, far above a double's resolution unless
 *    both organisations had hundreds of thousands of assessed children, so the double order
 *    is the exact order.
 *
 * A small subtree (up to SMALL_SUBTREE organisations, from its stored row) is read through
 * the path index instead and sorted in one go, as PressureQueryService.hotspots does: walking
 * the period's attenuation index for it would visit the whole period.
 */
const SMALL_SUBTREE = 5000;
export const hotspotsExport: ExportDataset = {
  name: "hotspots",
  tree: "period",
  open(query) {
    return {
      columns: columnsOf(HEADERS.hotspots, query.lang, {
        rank: ["integer", 6],
        code: ["text", 18],
        name: ["text", 36],
        kind: ["text", 16],
        depth: ["integer", 6],
        ownScore: ["decimal2", 9],
        childrenAverage: ["decimal2", 12],
        attenuation: ["decimal2", 9],
        childrenAssessed: ["integer", 12],
      }),
      chunks: () => hotspotChunks(query),
    };
  },
};

interface HotspotRow {
  sort_code: string;
  code: string;
  name: string;
  kind: string;
  depth: number | string;
  own_score: number | string;
  children_assessed_count: number | string;
  children_score_sum: number | string;
  attenuation_key: number | string;
}

interface Candidate {
  row: HotspotRow;
  own: number;
  childrenCount: number;
  childrenSum: number;
  code: string;
}

/** own · cc − childrenSum: the attenuation's numerator (hundredths · cc). */
const NUMERATOR = "(r.own_score * r.children_assessed_count - r.children_score_sum)";
const COLUMNS = `r.code AS sort_code, o.code AS code, o.name AS name, r.kind AS kind, r.depth AS depth, r.own_score AS own_score,
  r.children_assessed_count AS children_assessed_count, r.children_score_sum AS children_score_sum, r.attenuation_key AS attenuation_key`;

async function* hotspotChunks(query: ExportQuery): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, scope } = query;
  if (scope.kind === "none") return;
  const ranker = new Ranker(query);
  const size = scope.kind === "range" ? await subtreeSize(ctx, query.period.id, scope.lower) : null;
  if (scope.kind === "range" && size !== null && size <= SMALL_SUBTREE) {
    const rows: HotspotRow[] = await ctx.em.query(
      `SELECT ${COLUMNS} FROM ${pinned(ctx.dialect, "score_rollup", "r", "uq_score_rollup_path")} JOIN organization o ON o.id = r.organization_id
       WHERE r.period_id = ? AND r.attenuation_key IS NOT NULL AND r.path >= ? AND r.path < ?`,
      [query.period.id, scope.lower, scope.upper],
    );
    const sorted = sortExactly(rows);
    for (let i = 0; i < sorted.length; i += CHUNK_ROWS) yield ranker.rows(sorted.slice(i, i + CHUNK_ROWS));
    return;
  }
  yield* keyOrderedChunks(query, ranker);
}

async function* keyOrderedChunks(query: ExportQuery, ranker: Ranker): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, period, scope } = query;
  const table = pinned(ctx.dialect, "score_rollup", "r", "idx_score_rollup_attenuation");
  const straight = ctx.dialect === "mysql" ? "STRAIGHT_JOIN " : "";
  const range = rangeSql(scope);
  let below: number | null = null;
  for (;;) {
    const where = `r.period_id = ? AND r.attenuation_key IS NOT NULL${below === null ? "" : " AND r.attenuation_key < ?"}${range.sql}`;
    const params = [period.id, ...(below === null ? [] : [below]), ...range.params];
    const threshold: { k: number | string }[] = await ctx.em.query(
      `SELECT r.attenuation_key AS k FROM ${table} WHERE ${where} ORDER BY r.attenuation_key DESC LIMIT 1 OFFSET ${CHUNK_ROWS - 1}`,
      params,
    );
    const key = threshold.length > 0 ? Number(threshold[0].k) : null;
    const above: HotspotRow[] = await ctx.em.query(
      `SELECT ${straight}${COLUMNS} FROM ${table} JOIN organization o ON o.id = r.organization_id
       WHERE ${where}${key === null ? "" : " AND r.attenuation_key > ?"}`,
      key === null ? params : [...params, key],
    );
    if (above.length > 0) yield ranker.rows(sortExactly(above));
    if (key === null) return;
    yield* sameKeyChunks(query, ranker, key);
    below = key;
  }
}

/** The rows sharing one attenuation_key, in exact order, a chunk at a time (see the comment at the top). */
async function* sameKeyChunks(query: ExportQuery, ranker: Ranker, key: number): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, period, scope } = query;
  const table = pinned(ctx.dialect, "score_rollup", "r", "idx_score_rollup_attenuation");
  const straight = ctx.dialect === "mysql" ? "STRAIGHT_JOIN " : "";
  const range = rangeSql(scope);
  let after: Candidate | null = null;
  for (;;) {
    // After (n, cc, code) in (attenuation desc, code asc): n'/cc' < n/cc, or equal and a later code.
    const keyset =
      after === null
        ? ""
        : ` AND (${NUMERATOR} * ? < ? * r.children_assessed_count OR (${NUMERATOR} * ? = ? * r.children_assessed_count AND r.code > ?))`;
    const numerator = after === null ? 0 : after.own * after.childrenCount - after.childrenSum;
    const keysetParams = after === null ? [] : [after.childrenCount, numerator, after.childrenCount, numerator, after.code];
    const rows: HotspotRow[] = await ctx.em.query(
      `SELECT ${straight}${COLUMNS} FROM ${table} JOIN organization o ON o.id = r.organization_id
       WHERE r.period_id = ? AND r.attenuation_key = ?${range.sql}${keyset}
       ORDER BY ${NUMERATOR} * 1e0 / r.children_assessed_count DESC, r.code ASC LIMIT ${CHUNK_ROWS}`,
      [period.id, key, ...range.params, ...keysetParams],
    );
    if (rows.length === 0) return;
    const candidates = rows.map(candidate);
    after = candidates[candidates.length - 1];
    yield ranker.rows(candidates);
    if (rows.length < CHUNK_ROWS) return;
  }
}

function rangeSql(scope: ExportScope): { sql: string; params: string[] } {
  return scope.kind === "range" ? { sql: " AND r.path >= ? AND r.path < ?", params: [scope.lower, scope.upper] } : { sql: "", params: [] };
}

/** Organisations of the subtree rooted at `path` in the period's tree; null when the path has no row there. */
async function subtreeSize(ctx: RequestContext, periodId: number, path: string): Promise<number | null> {
  const rows: { n: number | string }[] = await ctx.em.query("SELECT organization_count AS n FROM score_rollup WHERE period_id = ? AND path = ?", [periodId, path]);
  return rows.length > 0 ? Number(rows[0].n) : null;
}

function candidate(row: HotspotRow): Candidate {
  return {
    row,
    own: Number(row.own_score),
    childrenCount: Number(row.children_assessed_count),
    childrenSum: Number(row.children_score_sum),
    code: row.sort_code,
  };
}

function sortExactly(rows: HotspotRow[]): Candidate[] {
  return rows.map(candidate).sort((a, b) => compareAttenuationDescending(a, b) || compareCodes(a.code, b.code));
}

/** Numbers the rows across chunks; equal attenuations share a rank. */
class Ranker {
  private position = 0;
  private rank = 0;
  private previous: Candidate | null = null;

  constructor(private readonly query: ExportQuery) {}

  rows(candidates: Candidate[]): Iterable<ExportRow> {
    const { lang } = this.query;
    return formatted(candidates, (c) => {
      this.position++;
      if (this.previous === null || compareAttenuationDescending(this.previous, c) !== 0) this.rank = this.position;
      this.previous = c;
      const { row } = c;
      return [
        String(this.rank),
        row.code,
        row.name,
        enumLabel("kind", row.kind, lang),
        integerText(row.depth),
        hundredthsText(row.own_score),
        ratioText(BigInt(row.children_score_sum), 100n * BigInt(row.children_assessed_count), 2),
        ratioText(BigInt(c.own) * BigInt(c.childrenCount) - BigInt(row.children_score_sum), 100n * BigInt(c.childrenCount), 2),
        integerText(row.children_assessed_count),
      ];
    });
  }
}
