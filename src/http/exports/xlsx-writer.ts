import type { Writable } from "node:stream";
import { stream as excelStream, type Style, type Worksheet } from "exceljs";
import { log } from "../../logger";
import { ClientGoneError, drained, isGone } from "./backpressure";
import type { ColumnType, ExportColumn, ExportRow } from "./export-dataset";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows an Excel sheet holds, header included (Excel 2007+ and WPS). */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Uncompressed sheet XML allowed to wait inside exceljs before the writer stops and waits. */
const MAX_BACKLOG_BYTES = 256 * 1024;
/** Rows between two looks at that backlog (about 50 KB of XML). */
const ROWS_PER_CHECK = 250;

/** Cell styles per column type; frozen and shared (see write()). */
const CELL_STYLES: Record<ColumnType, Partial<Style>> = {
  text: Object.freeze({}),
  integer: Object.freeze({ numFmt: "0" }),
  decimal2: Object.freeze({ numFmt: "0.00" }),
  decimal4: Object.freeze({ numFmt: "0.0000" }),
};
const HEADER_STYLE: Partial<Style> = Object.freeze({ font: Object.freeze({ bold: true }) });

export interface XlsxWriterOptions {
  /** The sheet's name (at most 31 characters; continuation sheets get " (2)", " (3)" …). */
  sheetName: string;
  /** Rows per sheet, header included; EXCEL_MAX_ROWS unless a test wants to see the roll-over. */
  maxRowsPerSheet?: number;
}

/**
 * Streams an XLSX workbook through exceljs's streaming WorkbookWriter: shared strings off (a
 * shared-string table would hold every distinct text of the file in memory until the end),
 * numbers stored as numbers with the column's number format, header bold and frozen. Rows
 * beyond one sheet's capacity continue on a new sheet with the header repeated.
 *
 * Backpressure. exceljs writes each committed row into the sheet's zip entry without looking
 * at whether the response keeps up: its StreamBuf pushes into a PassThrough that archiver
 * deflates and pipes to the response, and that PassThrough buffers without bound (without the
 * check below, 10^6 rows written for a slow reader grew a trial process by 250 MB). Archiver itself does
 * respect the response's backpressure, so the PassThrough's backlog is exactly "what the
 * client has not taken yet": every ROWS_PER_CHECK rows the writer waits while that backlog
 * is over MAX_BACKLOG_BYTES. The probe reads exceljs 4 / archiver 5 internals; the tests
 * check it still finds them, and without it the writer falls back to the response's own
 * drain (flat only as long as the client reads fast enough) and logs a warning.
 */
export class XlsxWriter {
  private readonly workbook: excelStream.xlsx.WorkbookWriter;
  private sheet: Worksheet | null = null;
  private sheetCount = 0;
  private rowsInSheet = 0;
  private sinceCheck = 0;
  private columns: ExportColumn[] = [];
  private cellStyles: Partial<Style>[] = [];
  private readonly maxRows: number;
  private warnedNoProbe = false;

  constructor(
    private readonly out: Writable,
    private readonly options: XlsxWriterOptions,
  ) {
    this.maxRows = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
    this.workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    this.workbook.creator = "Zeren";
  }

  async start(columns: ExportColumn[]): Promise<void> {
    this.columns = columns;
    this.cellStyles = columns.map((column) => CELL_STYLES[column.type]);
    this.openSheet();
    await this.paced();
  }

  /** Writes the rows and returns how many there were. */
  async write(rows: Iterable<ExportRow>): Promise<number> {
    const types = this.columns.map((column) => column.type);
    let count = 0;
    for (const row of rows) {
      count++;
      if (this.rowsInSheet >= this.maxRows) {
        this.sheet!.commit();
        this.openSheet();
      }
      const values: (string | number | null)[] = new Array(types.length);
      for (let i = 0; i < types.length; i++) {
        const value = row[i];
        values[i] = value === null || value === undefined || value === "" ? null : types[i] === "text" ? value : Number(value);
      }
      const added = this.sheet!.addRow(values);
      // One style object per column, shared by its cells: exceljs caches a style's id by object
      // identity, and a fresh object per cell costs it a serialisation and lookup every time.
      added.eachCell((cell, column) => {
        cell.style = this.cellStyles[column - 1];
      });
      added.commit();
      this.rowsInSheet++;
      if (++this.sinceCheck >= ROWS_PER_CHECK) {
        this.sinceCheck = 0;
        await this.paced();
      }
    }
    return count;
  }

  async finish(): Promise<void> {
    if (isGone(this.out)) throw new ClientGoneError();
    this.sheet?.commit();
    await untilDoneOrGone(this.out, this.workbook.commit());
  }

  /** Stops producing after a failure: archiver drops what it holds. */
  abort(): void {
    const zip = (this.workbook as unknown as { zip?: { abort?: () => void } }).zip;
    try {
      zip?.abort?.();
    } catch {
      // Aborting a half-written archive may throw on some states; the response is destroyed anyway.
    }
  }

  private openSheet(): void {
    this.sheetCount++;
    const suffix = this.sheetCount === 1 ? "" : ` (${this.sheetCount})`;
    const name = sheetName(this.options.sheetName, suffix);
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = this.columns.map((column) => ({ width: column.width }));
    const header = sheet.addRow(this.columns.map((column) => column.header));
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    this.sheet = sheet;
    this.rowsInSheet = 1;
  }

  /** Waits while the sheet's unsent XML is over the limit (see the class comment). */
  private async paced(): Promise<void> {
    for (;;) {
      if (isGone(this.out)) throw new ClientGoneError();
      const backlog = this.sheet ? sheetBacklog(this.sheet) : null;
      if (backlog === null) {
        if (!this.warnedNoProbe) {
          this.warnedNoProbe = true;
          log("warn", "xlsx export: cannot see exceljs's buffer; memory is bounded only by the client's speed");
        }
        if (this.out.writableNeedDrain) await drained(this.out);
        await new Promise((resolve) => setImmediate(resolve));
        return;
      }
      if (backlog.length() <= MAX_BACKLOG_BYTES) return;
      await drainOrTimeout(backlog.stream, 25);
    }
  }
}

/**
 * The stream exceljs feeds a sheet's XML into once archiver has taken the entry: the first
 * pipe of the sheet's StreamBuf (a readable-stream PassThrough). Null when not found.
 * Exported for the test that guards against an exceljs or archiver upgrade breaking it.
 */
export function sheetBacklog(sheet: Worksheet): { stream: NodeJS.EventEmitter; length(): number } | null {
  const buffer = (sheet as unknown as { stream?: { pipes?: unknown[]; buffers?: unknown[] } }).stream;
  if (!buffer || !Array.isArray(buffer.pipes)) return null;
  const target = buffer.pipes[0] as { _writableState?: { length?: number }; writableLength?: number; once?: unknown } | undefined;
  // Before archiver takes the entry, rows wait in the StreamBuf itself (64 KB buffers).
  if (target === undefined) return Array.isArray(buffer.buffers) ? { stream: buffer as unknown as NodeJS.EventEmitter, length: () => (buffer.buffers!.length - 1) * 65536 } : null;
  if (typeof target.once !== "function") return null;
  const length = () => target.writableLength ?? target._writableState?.length ?? 0;
  if (typeof (target.writableLength ?? target._writableState?.length) !== "number") return null;
  return { stream: target as unknown as NodeJS.EventEmitter, length };
}

function drainOrTimeout(emitter: NodeJS.EventEmitter, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off("drain", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter.once("drain", done);
  });
}

/** `work`, unless `out` closes first (the client left): then ClientGoneError, not a promise that never settles. */
function untilDoneOrGone(out: Writable, work: Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onClose = () => {
      if (!out.writableFinished) reject(new ClientGoneError());
    };
    out.once("close", onClose);
    work.then(
      () => {
        out.off("close", onClose);
        resolve();
      },
      (error: unknown) => {
        out.off("close", onClose);
        reject(error);
      },
    );
  });
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
function sheetName(base: string, suffix: string): string {
  const cleaned = base.replace(/[[\]:*?/\\]/g, "_");
  return cleaned.slice(0, 31 - suffix.length) + suffix;
}
