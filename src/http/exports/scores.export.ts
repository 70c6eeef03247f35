import type { Dialect } from "../../db/data-source";
import { ScoreSource } from "../../entities/scoring-enums";
import { columnsOf, formatted, keysetChunks, pinned, type ExportDataset, type ExportQuery, type ExportRow } from "./export-dataset";
import { figureText, hundredthsText, integerText, timestampText } from "./export-format";
import { enumLabel, HEADERS, PROVENANCE_WORDS, type Lang } from "./export-labels";
import { pathCondition } from "./export-scope";

/**
 * 考核得分: the own score of every assessed organisation of the subtree in the period, with
 * grade, source, a one-line summary of its provenance, and who set it when; in the period's
 * tree order (materialized path: a parent before its children, siblings by id).
 *
 * Rows come from the period's roll-up rows (score_rollup, the organisations of the period's
 * tree: the rankings and hot spots read the same rows), joined to the assessment by primary
 * key. Only the provenance fields the summary shows are extracted, in SQL, so a chunk never
 * carries the full provenance documents (several KB each for computed scores).
 */
export const scoresExport: ExportDataset = {
  name: "scores",
  tree: "period",
  open(query) {
    return {
      columns: columnsOf(HEADERS.scores, query.lang, {
        code: ["text", 18],
        name: ["text", 36],
        parentCode: ["text", 18],
        kind: ["text", 16],
        level: ["text", 8],
        regionCode: ["text", 10],
        depth: ["integer", 6],
        period: ["text", 10],
        score: ["decimal2", 8],
        grade: ["text", 8],
        source: ["text", 8],
        provenance: ["text", 60],
        updatedAt: ["text", 20],
        updatedBy: ["text", 12],
      }),
      chunks: () => scoreChunks(query),
    };
  },
};

/** The provenance fields the summary needs (ScoreProvenance and ImportProvenance in services/scoring/). */
const PROVENANCE_PATHS = {
  items: "$.items.value.exact",
  evaluations: "$.evaluations.value.exact",
  base: "$.base.value.exact",
  bonus: "$.bonus.counted.exact",
  deductions: "$.deductions.total.exact",
  overdue: "$.deductions.automatic.overdueProblems",
  cases: "$.deductions.automatic.accountabilityCases",
  veto: "$.veto.applied",
  listed: "$.negativeList.listed",
  override: "$.grade.override",
  line: "$.line",
  importedBy: "$.importedBy",
  importedAt: "$.importedAt",
  replacedScore: "$.replaced.score",
  replacedSource: "$.replaced.source",
} as const;

type ProvenanceField = keyof typeof PROVENANCE_PATHS;
const PROVENANCE_FIELDS = Object.fromEntries(Object.keys(PROVENANCE_PATHS).map((field, i) => [field, i])) as Record<keyof typeof PROVENANCE_PATHS, number>;

/** The summary's provenance fields, by name. */
export type ProvenanceFacts = Partial<Record<ProvenanceField, unknown>>;

interface ScoreRow {
  path: string;
  code: string;
  name: string;
  parent_code: string | null;
  kind: string;
  level: string;
  region_code: string;
  depth: number | string;
  score: number | string;
  grade: string;
  source: string;
  updated_at: Date | string;
  updated_by: string;
  /** The PROVENANCE_PATHS values as a JSON array, in that order. */
  facts: string | unknown[] | null;
}

/** The fields each kind of provenance has (the others are null in it). */
const IMPORTED_FIELDS: ReadonlySet<ProvenanceField> = new Set(["line", "importedBy", "importedAt", "replacedScore", "replacedSource", "override"]);

/**
 * The provenance fields as one JSON array: SQLite's json_extract takes every path at once
 * (one parse of the document per row). MySQL and MariaDB need a JSON_VALUE per path, each
 * parsing the document again, which made the JSON most of a chunk's statement time (13 ms of
 * 17 for 500 rows); so only the paths of the row's own kind of provenance are read there.
 * Either way a chunk carries a few dozen bytes per row, not the provenance documents.
 */
function factsSql(dialect: Dialect, provenance: string, source: string): string {
  const fields = Object.keys(PROVENANCE_PATHS) as ProvenanceField[];
  if (dialect === "sqlite") return `json_extract(${provenance}, ${fields.map((field) => `'${PROVENANCE_PATHS[field]}'`).join(", ")})`;
  const array = (wanted: (field: ProvenanceField) => boolean) =>
    `JSON_ARRAY(${fields.map((field) => (wanted(field) ? `JSON_VALUE(${provenance}, '${PROVENANCE_PATHS[field]}')` : "NULL")).join(", ")})`;
  return `CASE WHEN ${source} = '${ScoreSource.IMPORTED}' THEN ${array((field) => IMPORTED_FIELDS.has(field))} ELSE ${array((field) => !IMPORTED_FIELDS.has(field) || field === "override")} END`;
}

/** mysql2 hands a JSON-typed column (JSON_ARRAY's result) over parsed; SQLite gives text. */
function factsOf(raw: string | unknown[] | null): ProvenanceFacts {
  const values: unknown = raw === null ? [] : typeof raw === "string" ? JSON.parse(raw) : raw;
  const facts: ProvenanceFacts = {};
  if (!Array.isArray(values)) return facts;
  for (const [field, index] of Object.entries(PROVENANCE_FIELDS) as [ProvenanceField, number][]) facts[field] = values[index] ?? null;
  return facts;
}

async function* scoreChunks(query: ExportQuery): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, period, scope, lang } = query;
  if (scope.kind === "none") return;
  // STRAIGHT_JOIN: MariaDB must walk the roll-up rows in path order and look the others up by
  // key; left alone it may start from assessment and sort the whole period for every chunk.
  const straight = ctx.dialect === "mysql" ? "STRAIGHT_JOIN " : "";
  const chunks = keysetChunks<ScoreRow>(async (after, limit) => {
    const range = pathCondition("r.path", scope, after?.path ?? null);
    return ctx.em.query(
      `SELECT ${straight}r.path AS path, o.code AS code, o.name AS name, parent.code AS parent_code, r.kind AS kind, o.level AS level,
         o.region_code AS region_code, r.depth AS depth, a.score_hundredths AS score, a.grade AS grade, a.source AS source,
         a.updated_at AS updated_at, a.updated_by AS updated_by, ${factsSql(ctx.dialect, "a.provenance", "a.source")} AS facts
       FROM ${pinned(ctx.dialect, "score_rollup", "r", "uq_score_rollup_path")}
       JOIN assessment a ON a.period_id = r.period_id AND a.organization_id = r.organization_id
       JOIN organization o ON o.id = r.organization_id
       LEFT JOIN organization parent ON parent.id = r.parent_id
       WHERE r.period_id = ? AND r.own_score IS NOT NULL${range.sql}
       ORDER BY r.path LIMIT ${limit}`,
      [period.id, ...range.params],
    );
  });
  for await (const rows of chunks) {
    yield formatted(rows, (row) => [
      row.code,
      row.name,
      row.parent_code,
      enumLabel("kind", row.kind, lang),
      enumLabel("level", row.level, lang),
      row.region_code,
      integerText(row.depth),
      period.code,
      hundredthsText(row.score),
      enumLabel("grade", row.grade, lang),
      enumLabel("scoreSource", row.source, lang),
      provenanceSummary(row.source, factsOf(row.facts), lang),
      timestampText(row.updated_at),
      row.updated_by,
    ]);
  }
}

/**
 * One line a reader can check a score against, e.g. for a computed score
 * "条目 85.50；评议 90.00；基础分 87.30；加分 +2.00；扣分 -1.00（逾期问题 1，问责 0）；一票否决"
 * and for an imported one "导入（第 12 行，admin，2026-03-01 10:00:00）；替换 计算 80.00".
 * The full provenance stays in the API (Assessment.provenance).
 */
export function provenanceSummary(source: string, facts: ProvenanceFacts, lang: Lang): string {
  const word = (key: keyof typeof PROVENANCE_WORDS) => PROVENANCE_WORDS[key][lang];
  const [sep, open, close, comma] = lang === "zh" ? ["；", "（", "）", "，"] : ["; ", " (", ")", ", "];
  const parts: string[] = [];
  if (source === ScoreSource.IMPORTED) {
    const line = facts.line === null || facts.line === undefined ? null : String(facts.line);
    const where = [line === null ? null : lang === "zh" ? `第 ${line} ${word("line")}` : `${word("line")} ${line}`, facts.importedBy, timestampText(typeof facts.importedAt === "string" ? facts.importedAt : null)]
      .filter((part): part is string => typeof part === "string" && part.length > 0)
      .join(comma);
    parts.push(where ? `${word("imported")}${open}${where}${close}` : word("imported"));
    const replaced = figureText(facts.replacedScore);
    if (replaced !== null) parts.push(`${word("replaced")} ${enumLabel("scoreSource", String(facts.replacedSource ?? ""), lang) ?? ""} ${replaced}`.replace(/ +/g, " "));
  } else {
    const figure = (key: "items" | "evaluations" | "base", label: keyof typeof PROVENANCE_WORDS) => {
      const text = figureText(facts[key]);
      if (text !== null) parts.push(`${word(label)} ${text}`);
    };
    figure("items", "items");
    figure("evaluations", "evaluations");
    figure("base", "base");
    const bonus = figureText(facts.bonus);
    if (bonus !== null && !isZero(bonus)) parts.push(`${word("bonus")} +${bonus}`);
    const deductions = figureText(facts.deductions);
    const overdue = Number(facts.overdue ?? 0);
    const cases = Number(facts.cases ?? 0);
    if ((deductions !== null && !isZero(deductions)) || overdue > 0 || cases > 0) {
      const detail = overdue > 0 || cases > 0 ? `${open}${word("overdueProblems")} ${overdue}${comma}${word("cases")} ${cases}${close}` : "";
      parts.push(`${word("deductions")} -${deductions ?? "0.00"}${detail}`);
    }
  }
  if (isTrue(facts.veto) || facts.override === "VETO") parts.push(word("veto"));
  if (isTrue(facts.listed) || facts.override === "NEGATIVE_LIST_CAP") {
    parts.push(facts.override === "NEGATIVE_LIST_CAP" ? `${word("negativeList")}${open}${word("cappedAtGood")}${close}` : word("negativeList"));
  }
  return parts.join(sep);
}

/** A JSON true as the dialects return it: 1 (SQLite json_extract), "true" (JSON_VALUE). */
function isTrue(value: unknown): boolean {
  return value === 1 || value === true || value === "true" || value === "1";
}

function isZero(text: string): boolean {
  return /^-?0\.00$/.test(text);
}
