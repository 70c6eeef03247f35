import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { ClientGoneError, isGone, writeWithBackpressure } from "./backpressure";
import type { ExportColumn, ExportRow } from "./export-dataset";

/** The UTF-8 byte order mark: Excel and WPS read a CSV without it in the system code page (GBK), and Chinese turns to mojibake. */
export const UTF8_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/** Text is handed to the socket in pieces of about this size. */
const FLUSH_AT = 64 * 1024;

/**
 * Streams a CSV file: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting (a field holding a
 * comma, a quote, CR or LF is quoted, its quotes doubled). Text fields that a spreadsheet
 * would run as a formula are defused (OWASP "CSV injection"); number columns are written as
 * they are, so -3.50 stays a number.
 */
export class CsvWriter {
  private buffered = "";
  private columns: ExportColumn[] = [];

  constructor(private readonly out: Writable) {}

  async start(columns: ExportColumn[]): Promise<void> {
    this.columns = columns;
    this.buffered = UTF8_BOM + columns.map((column) => csvField(defuseFormula(column.header))).join(",") + "\r\n";
    await this.flush();
  }

  /** Writes the rows and returns how many there were. */
  async write(rows: Iterable<ExportRow>): Promise<number> {
    const types = this.columns.map((column) => column.type);
    let count = 0;
    for (const row of rows) {
      count++;
      let line = "";
      for (let i = 0; i < types.length; i++) {
        if (i > 0) line += ",";
        const value = row[i];
        if (value === null || value === undefined || value === "") continue;
        line += types[i] === "text" ? csvField(defuseFormula(value)) : value;
      }
      this.buffered += line + "\r\n";
      if (this.buffered.length >= FLUSH_AT) await this.flush();
    }
    return count;
  }

  async finish(): Promise<void> {
    await this.flush();
    if (isGone(this.out)) throw new ClientGoneError();
    this.out.end();
    await finished(this.out);
  }

  private async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const chunk = this.buffered;
    this.buffered = "";
    await writeWithBackpressure(this.out, chunk);
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; inner quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Characters that make Excel, WPS or LibreOffice read a cell as a formula (or, after a tab
 * or CR, move to a cell that is read as one): = + - @ TAB CR, per OWASP's "CSV Injection".
 * Such a text value gets a leading apostrophe, which the spreadsheets show as text and do not
 * evaluate. Only text columns pass here: numbers (a negative attenuation) are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
