/**
 * CSV reader for import files: RFC 4180 with the leniencies people's spreadsheets need
 * (BOM, CRLF or LF, spaces around fields, blank lines).
 *
 * Problems are collected rather than thrown so that an import can report every bad line of
 * a file in one go; a record with a problem is left out of `records`.
 *
 * Line numbers are physical lines (header = 1), so users can find a record in an editor even
 * when an earlier quoted field spans several lines. CRLF, LF and a lone CR each end one line.
 */

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  values: Record<string, string>;
}

export interface CsvProblem {
  line: number;
  column?: string;
  reason: string;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const BYTE_ORDER_MARK = 0xfeff;

interface FieldProblem {
  line: number;
  fieldIndex: number;
  reason: string;
}

interface RawRecord {
  line: number;
  fields: string[];
  /** Left undefined on the happy path so that a million clean rows allocate no empty arrays. */
  problems: FieldProblem[] | undefined;
  /** An empty or all-space line; a quoted "" is data, not a blank line. */
  blank: boolean;
}

function isSpace(charCode: number): boolean {
  return charCode === SPACE || charCode === TAB;
}

function trimSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

class CsvScanner {
  private pos: number;
  private line = 1;
  private readonly end: number;
  // Next position of each delimiter at or after the scan position (`end` when there is none).
  // Remembering them keeps the indexOf searches linear over the whole file: without the
  // memory, looking for "\r" in an LF-only file would rescan the rest of the file per field.
  private nextCommaAt = -1;
  private nextLfAt = -1;
  private nextCrAt = -1;
  private nextQuoteAt = -1;

  constructor(private readonly text: string) {
    this.end = text.length;
    this.pos = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  }

  readRecord(): RawRecord | undefined {
    if (this.pos >= this.end) return undefined;
    const record: RawRecord = { line: this.line, fields: [], problems: undefined, blank: false };
    let sawQuotedField = false;
    for (;;) {
      this.skipSpaces();
      if (this.pos < this.end && this.text.charCodeAt(this.pos) === QUOTE) {
        sawQuotedField = true;
        record.fields.push(this.readQuotedField(record));
      } else {
        record.fields.push(this.readUnquotedField(record));
      }
      // Every field reader stops at a comma, a line break or the end of the text.
      if (this.pos >= this.end) break;
      if (this.text.charCodeAt(this.pos) === COMMA) {
        this.pos++;
        continue;
      }
      this.consumeLineBreak();
      break;
    }
    record.blank =
      !sawQuotedField && record.fields.length === 1 && record.fields[0] === "" && !record.problems;
    return record;
  }

  private readUnquotedField(record: RawRecord): string {
    const start = this.pos;
    const fieldEnd = this.fieldEndFrom(start);
    if (this.nextQuoteFrom(start) < fieldEnd) {
      this.addProblem(record, this.line, "stray quote in an unquoted field");
    }
    this.pos = fieldEnd;
    let valueEnd = fieldEnd;
    while (valueEnd > start && isSpace(this.text.charCodeAt(valueEnd - 1))) valueEnd--;
    return this.text.slice(start, valueEnd);
  }

  /** Expects `pos` on the opening quote; leaves it on the delimiter after the field. */
  private readQuotedField(record: RawRecord): string {
    const fieldLine = this.line;
    const text = this.text;
    // Most quoted fields are one slice; pieces only appear with "" escapes or CRLF inside.
    const pieces: string[] = [];
    let segmentStart = this.pos + 1;
    for (;;) {
      const quoteAt = this.nextQuoteFrom(segmentStart);
      if (quoteAt >= this.end) {
        // The quote swallowed the rest of the file, so there is no record left to place.
        this.pos = this.end;
        this.addProblem(record, fieldLine, "unterminated quoted field: the closing quote is missing");
        return "";
      }
      segmentStart = this.countLineBreaks(segmentStart, quoteAt, pieces);
      if (quoteAt + 1 < this.end && text.charCodeAt(quoteAt + 1) === QUOTE) {
        // Keep the first quote of the pair as content and continue after the second.
        pieces.push(text.slice(segmentStart, quoteAt + 1));
        segmentStart = quoteAt + 2;
        continue;
      }
      pieces.push(text.slice(segmentStart, quoteAt));
      this.pos = quoteAt + 1;
      break;
    }
    this.skipSpaces();
    if (this.pos < this.end) {
      const next = text.charCodeAt(this.pos);
      if (next !== COMMA && next !== LF && next !== CR) {
        this.addProblem(record, this.line, "unexpected text after a closing quote");
        this.pos = this.fieldEndFrom(this.pos);
      }
    }
    return pieces.length === 1 ? pieces[0] : pieces.join("");
  }

  /**
   * Advances the line counter over the line breaks in [from, to) of quoted content, turning
   * each CRLF into LF so that values do not depend on the platform that saved the file.
   * Pushes the content before each dropped CR to `pieces`; returns where the rest begins.
   */
  private countLineBreaks(from: number, to: number, pieces: string[]): number {
    let segmentStart = from;
    let breakAt = this.nextLineBreakFrom(from);
    while (breakAt < to) {
      this.line++;
      if (this.text.charCodeAt(breakAt) === CR && breakAt + 1 < to && this.text.charCodeAt(breakAt + 1) === LF) {
        pieces.push(this.text.slice(segmentStart, breakAt));
        segmentStart = breakAt + 1;
        breakAt = this.nextLineBreakFrom(breakAt + 2);
      } else {
        breakAt = this.nextLineBreakFrom(breakAt + 1);
      }
    }
    return segmentStart;
  }

  private consumeLineBreak(): void {
    const isCrLf =
      this.text.charCodeAt(this.pos) === CR &&
      this.pos + 1 < this.end &&
      this.text.charCodeAt(this.pos + 1) === LF;
    this.pos += isCrLf ? 2 : 1;
    this.line++;
  }

  private skipSpaces(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private addProblem(record: RawRecord, line: number, reason: string): void {
    (record.problems ??= []).push({ line, fieldIndex: record.fields.length, reason });
  }

  private fieldEndFrom(from: number): number {
    return Math.min(this.nextCommaFrom(from), this.nextLineBreakFrom(from));
  }

  private nextLineBreakFrom(from: number): number {
    if (this.nextLfAt < from) this.nextLfAt = this.indexOrEnd("\n", from);
    if (this.nextCrAt < from) this.nextCrAt = this.indexOrEnd("\r", from);
    return Math.min(this.nextLfAt, this.nextCrAt);
  }

  private nextCommaFrom(from: number): number {
    if (this.nextCommaAt < from) this.nextCommaAt = this.indexOrEnd(",", from);
    return this.nextCommaAt;
  }

  private nextQuoteFrom(from: number): number {
    if (this.nextQuoteAt < from) this.nextQuoteAt = this.indexOrEnd('"', from);
    return this.nextQuoteAt;
  }

  private indexOrEnd(char: string, from: number): number {
    const found = this.text.indexOf(char, from);
    return found === -1 ? this.end : found;
  }
}

function headerProblems(header: readonly string[], expectedColumns: readonly string[], line: number): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const present = new Set(header);
  const expected = new Set(expectedColumns);
  for (const name of expected) {
    if (!present.has(name)) problems.push({ line, column: name, reason: `missing column "${name}" in the header` });
  }
  const seen = new Set<string>();
  const reportedDuplicates = new Set<string>();
  header.forEach((name, index) => {
    if (name === "") {
      problems.push({ line, reason: `column ${index + 1} has no name in the header` });
      return;
    }
    if (seen.has(name)) {
      if (!reportedDuplicates.has(name)) {
        problems.push({ line, column: name, reason: `duplicate column "${name}" in the header` });
        reportedDuplicates.add(name);
      }
      return;
    }
    seen.add(name);
    if (!expected.has(name)) problems.push({ line, column: name, reason: `unknown column "${name}" in the header` });
  });
  return problems;
}

function toCsvProblem(problem: FieldProblem, header: readonly string[]): CsvProblem {
  const column = header[problem.fieldIndex];
  return column === undefined || column === ""
    ? { line: problem.line, reason: problem.reason }
    : { line: problem.line, column, reason: problem.reason };
}

export function readCsv(text: string, expectedColumns: readonly string[]): CsvTable {
  const scanner = new CsvScanner(text);
  let headerRecord = scanner.readRecord();
  while (headerRecord?.blank) headerRecord = scanner.readRecord();
  if (!headerRecord) {
    return { header: [], records: [], problems: [{ line: 1, reason: "the file is empty" }] };
  }

  // A quoted header name keeps its inner spaces as a value would, but names must match exactly.
  const header = headerRecord.fields.map(trimSpaces);
  const problems: CsvProblem[] = headerRecord.problems
    ? headerRecord.problems.map((problem) => toCsvProblem(problem, header))
    : headerProblems(header, expectedColumns, headerRecord.line);
  if (problems.length > 0) return { header, records: [], problems };

  const records: CsvRecord[] = [];
  for (let raw = scanner.readRecord(); raw; raw = scanner.readRecord()) {
    if (raw.blank) continue;
    if (raw.problems) {
      for (const problem of raw.problems) problems.push(toCsvProblem(problem, header));
      continue;
    }
    if (raw.fields.length !== header.length) {
      problems.push({ line: raw.line, reason: `expected ${header.length} fields, found ${raw.fields.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) values[header[i]] = raw.fields[i];
    records.push({ line: raw.line, values });
  }
  return { header, records, problems };
}
