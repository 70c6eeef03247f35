import type { AssessmentPeriodEntity } from "../../entities";
import type { Dialect } from "../../db/data-source";
import type { RequestContext } from "../../services/request-context";
import type { DatasetName, Lang } from "./export-labels";
import type { ExportScope } from "./export-scope";

/**
 * How a column's values are written. Figures travel as exact decimal text (export-format.ts):
 * the CSV writer copies the text, the XLSX writer stores the number it denotes with the
 * column's number format, so both files show the same digits.
 */
export type ColumnType = "text" | "integer" | "decimal2" | "decimal4";

export interface ExportColumn {
  header: string;
  type: ColumnType;
  /** Width in characters for the XLSX sheet (a CJK character counts about 2). */
  width: number;
}

/** One row: a value per column, null for an empty cell. */
export type ExportRow = (string | null)[];

/** What a dataset reads, as the router resolved it from the request. */
export interface ExportQuery {
  ctx: RequestContext;
  period: AssessmentPeriodEntity;
  /** The organisations the rows may come from: the requested subtree cut to the caller's scope. */
  scope: ExportScope;
  lang: Lang;
}

/** A dataset's columns and its rows, read in chunks so memory stays flat; a chunk's rows are formatted as they are written. */
export interface ExportSource {
  columns: ExportColumn[];
  chunks(): AsyncIterable<Iterable<ExportRow>>;
}

export interface ExportDataset {
  name: DatasetName;
  /** Which tree `scope` is a range of: the period's stored roll-up rows, or the live organisation tree. */
  tree: "period" | "live";
  open(query: ExportQuery): ExportSource;
}

/**
 * Rows per statement. Small on purpose: a chunk stays alive while it is formatted and
 * written, and V8 moves whatever survives two young-generation collections (about every
 * 10 MB allocated) to the old generation, which it lets grow to several times the live heap
 * before collecting. 5,000-row chunks were promoted wholesale and grew an exporting server by
 * 100–165 MB at 10^6 rows; 500-row chunks die young and keep it near 30–40 MB
 * (docs/benchmarks.md "Exports"), for 2,000 statements per 10^6 rows, each an index range read.
 */
export const CHUNK_ROWS = 500;

/** A table read through one named index (an index hint the planners must follow). */
export function pinned(dialect: Dialect, table: string, alias: string, index: string): string {
  return dialect === "mysql" ? `${table} ${alias} FORCE INDEX (${index})` : `${table} ${alias} INDEXED BY ${index}`;
}

/**
 * Pages through `fetch` by a strictly increasing text key (a materialized path): each call
 * gets the key of the previous chunk's last row (null first) and returns at most `limit`
 * rows in key order. A page never overlaps or skips the previous one, whatever is written in
 * between, for rows whose key did not change.
 */
export async function* keysetChunks<T>(fetch: (after: T | null, limit: number) => Promise<T[]>, limit = CHUNK_ROWS): AsyncGenerator<T[]> {
  let after: T | null = null;
  for (;;) {
    const rows = await fetch(after, limit);
    const full = rows.length === limit;
    // Taken before the chunk is handed on: formatted() empties it as it is written.
    after = rows.length > 0 ? rows[rows.length - 1] : null;
    if (rows.length > 0) yield rows;
    if (!full) return;
  }
}

export function columnsOf<K extends string>(headers: Readonly<Record<K, Readonly<Record<Lang, string>>>>, lang: Lang, spec: Readonly<Record<K, [ColumnType, number]>>): ExportColumn[] {
  return (Object.keys(headers) as K[]).map((key) => ({ header: headers[key][lang], type: spec[key][0], width: spec[key][1] }));
}

/**
 * A chunk's rows, each formatted only when the writer takes it, and each raw row released as
 * soon as it is formatted. Formatting a whole chunk up front would keep hundreds of fresh
 * arrays alive until the chunk is written; when V8 sees most objects of one allocation site
 * survive a young-generation collection, it decides to allocate every later object of that
 * site straight in the old generation (allocation-site pretenuring), and an exporting
 * server's heap then grew by 130 MB instead of 25 (measured at 500,000 rows, about two runs
 * in five). Rows that die one by one never trigger that decision.
 */
export function* formatted<T>(rows: T[], format: (row: T) => ExportRow): Generator<ExportRow> {
  const pending = rows as (T | undefined)[];
  for (let i = 0; i < pending.length; i++) {
    const row = pending[i] as T;
    pending[i] = undefined;
    yield format(row);
  }
}
