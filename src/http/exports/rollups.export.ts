import { MOC_SCALE } from "../../services/scoring/rollup-statements";
import { columnsOf, formatted, keysetChunks, pinned, type ExportDataset, type ExportQuery, type ExportRow } from "./export-dataset";
import { hundredthsText, integerText, ratioText } from "./export-format";
import { enumLabel, HEADERS } from "./export-labels";
import { pathCondition } from "./export-scope";

/**
 * 得分汇总: the stored roll-up of every organisation of the subtree (assessed or not) in the
 * period, in the period's tree order. The same integers the API's ScoreRollup reads
 * (rollup-view.ts), each figure rounded once, exactly, to two decimals (coverage to four):
 *
 * - averageScore = score_sum / (100 · assessed_count);  meanOfChildren = moc_value / 10^10;
 * - childrenAverage = children_score_sum / (100 · children_assessed_count);
 * - attenuation = (own · cc − children_score_sum) / (100 · cc), the exact own − childrenAverage
 *   (rounding the difference, not the two rounded terms).
 *
 * A period has roll-up rows from its first score on; before that the file has only its header.
 */
export const rollupsExport: ExportDataset = {
  name: "rollups",
  tree: "period",
  open(query) {
    return {
      columns: columnsOf(HEADERS.rollups, query.lang, {
        code: ["text", 18],
        name: ["text", 36],
        kind: ["text", 16],
        depth: ["integer", 6],
        organizationCount: ["integer", 8],
        assessedCount: ["integer", 10],
        coverage: ["decimal4", 8],
        ownScore: ["decimal2", 9],
        averageScore: ["decimal2", 8],
        meanOfChildren: ["decimal2", 10],
        minScore: ["decimal2", 8],
        maxScore: ["decimal2", 8],
        excellent: ["integer", 8],
        good: ["integer", 9],
        fair: ["integer", 9],
        poor: ["integer", 8],
        childrenAssessed: ["integer", 12],
        childrenAverage: ["decimal2", 12],
        attenuation: ["decimal2", 9],
      }),
      chunks: () => rollupChunks(query),
    };
  },
};

interface RollupRow {
  path: string;
  code: string;
  name: string;
  kind: string;
  depth: number | string;
  organization_count: number | string;
  assessed_count: number | string;
  score_sum: number | string;
  own_score: number | string | null;
  min_score: number | string | null;
  max_score: number | string | null;
  excellent_count: number | string;
  good_count: number | string;
  fair_count: number | string;
  poor_count: number | string;
  children_assessed_count: number | string;
  children_score_sum: number | string;
  moc_value: number | string | null;
}

async function* rollupChunks(query: ExportQuery): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, period, scope, lang } = query;
  if (scope.kind === "none") return;
  const straight = ctx.dialect === "mysql" ? "STRAIGHT_JOIN " : "";
  const chunks = keysetChunks<RollupRow>(async (after, limit) => {
    const range = pathCondition("r.path", scope, after?.path ?? null);
    return ctx.em.query(
      `SELECT ${straight}r.path AS path, o.code AS code, o.name AS name, r.kind AS kind, r.depth AS depth,
         r.organization_count, r.assessed_count, r.score_sum, r.own_score, r.min_score, r.max_score,
         r.excellent_count, r.good_count, r.fair_count, r.poor_count, r.children_assessed_count, r.children_score_sum, r.moc_value
       FROM ${pinned(ctx.dialect, "score_rollup", "r", "uq_score_rollup_path")}
       JOIN organization o ON o.id = r.organization_id
       WHERE r.period_id = ?${range.sql}
       ORDER BY r.path LIMIT ${limit}`,
      [period.id, ...range.params],
    );
  });
  const mocDenominator = BigInt(MOC_SCALE) * 100n;
  for await (const rows of chunks) {
    yield formatted(rows, (row) => {
      const assessed = BigInt(row.assessed_count);
      const cc = BigInt(row.children_assessed_count);
      const own = row.own_score === null ? null : BigInt(row.own_score);
      return [
        row.code,
        row.name,
        enumLabel("kind", row.kind, lang),
        integerText(row.depth),
        integerText(row.organization_count),
        integerText(row.assessed_count),
        ratioText(assessed, BigInt(row.organization_count), 4) ?? "0.0000",
        hundredthsText(row.own_score),
        ratioText(BigInt(row.score_sum), 100n * assessed, 2),
        row.moc_value === null ? null : ratioText(BigInt(row.moc_value), mocDenominator, 2),
        hundredthsText(row.min_score),
        hundredthsText(row.max_score),
        integerText(row.excellent_count),
        integerText(row.good_count),
        integerText(row.fair_count),
        integerText(row.poor_count),
        integerText(row.children_assessed_count),
        ratioText(BigInt(row.children_score_sum), 100n * cc, 2),
        own === null || cc === 0n ? null : ratioText(own * cc - BigInt(row.children_score_sum), 100n * cc, 2),
      ];
    });
  }
}
