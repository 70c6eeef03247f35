import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { contentDisposition, encodeRfc5987, safeFileName } from "../../src/http/exports/content-disposition";
import { CsvWriter, csvField, defuseFormula } from "../../src/http/exports/csv-writer";
import type { ExportColumn } from "../../src/http/exports/export-dataset";
import { figureText, hundredthsText, ratioText, timestampText } from "../../src/http/exports/export-format";
import { withinActorScope } from "../../src/http/exports/export-scope";
import { provenanceSummary } from "../../src/http/exports/scores.export";
import { sheetBacklog, XlsxWriter } from "../../src/http/exports/xlsx-writer";
import { Role } from "../../src/entities/user.entity";

/** The pieces of the exports that need no database: formats, quoting, names, scope arithmetic. */

const COLUMNS: ExportColumn[] = [
  { header: "组织名称", type: "text", width: 20 },
  { header: "得分", type: "decimal2", width: 8 },
  { header: "数量", type: "integer", width: 8 },
];

function collect(stream: PassThrough): Promise<Buffer> {
  const parts: Buffer[] = [];
  stream.on("data", (part: Buffer) => parts.push(part));
  return new Promise((resolve, reject) => {
    stream.on("end", () => resolve(Buffer.concat(parts)));
    stream.on("error", reject);
  });
}

describe("exact figures", () => {
  test("hundredths and ratios, rounded once, half away from zero", () => {
    expect(hundredthsText(8437)).toBe("84.37");
    expect(hundredthsText(-350)).toBe("-3.50");
    expect(hundredthsText(5)).toBe("0.05");
    expect(hundredthsText("10000")).toBe("100.00");
    // 84.125 and -84.125 exactly: a double would give 84.12 for one of them.
    expect(ratioText(84125, 1000, 2)).toBe("84.13");
    expect(ratioText(-84125, 1000, 2)).toBe("-84.13");
    expect(ratioText(8411, 100 * 3, 2)).toBe("28.04");
    expect(ratioText(2, 3, 4)).toBe("0.6667");
    expect(ratioText(1, 0, 2)).toBeNull();
    // 10^6 organisations of 100 points: sums beyond 2^53 hundredths stay exact.
    expect(ratioText(9007199254740993n, 100n, 2)).toBe("90071992547409.93");
  });

  test("provenance figures: decimals and fractions", () => {
    expect(figureText("84.125")).toBe("84.13");
    expect(figureText("262/3")).toBe("87.33");
    expect(figureText("90")).toBe("90.00");
    expect(figureText(12.5)).toBe("12.50");
    expect(figureText("n/a")).toBeNull();
    expect(figureText(null)).toBeNull();
  });

  test("timestamps in the deployment's zone (Asia/Shanghai by default)", () => {
    expect(timestampText("2026-03-01 02:03:04")).toBe("2026-03-01 10:03:04");
    expect(timestampText(new Date("2026-12-31T20:00:00.999Z"))).toBe("2027-01-01 04:00:00");
    expect(timestampText(null)).toBeNull();
  });

  test("provenance summary of an imported score that replaced a computed one", () => {
    expect(provenanceSummary("IMPORTED", { line: 7, importedBy: "admin", importedAt: "2026-03-01T02:00:00.000Z", replacedScore: "80", replacedSource: "COMPUTED" }, "zh")).toBe(
      "导入（第 7 行，admin，2026-03-01 10:00:00）；替换 计算 80.00",
    );
    expect(provenanceSummary("COMPUTED", { items: "262/3", base: "262/3", deductions: "2", overdue: 2, cases: 0, listed: true, override: "NEGATIVE_LIST_CAP" }, "en")).toBe(
      "items 87.33; base 87.33; deductions -2.00 (overdue problems 2, accountability cases 0); negative list (grade capped at GOOD)",
    );
  });
});

describe("CSV", () => {
  test("RFC 4180 quoting and OWASP formula defusing for text only", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("plain")).toBe("plain");
    for (const dangerous of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(defuseFormula(dangerous)).toBe(`'${dangerous}`);
    expect(defuseFormula("党支部=1")).toBe("党支部=1");
  });

  test("BOM, CRLF, numbers untouched (a negative figure stays a number), empty cells empty", async () => {
    const out = new PassThrough();
    const done = collect(out);
    const writer = new CsvWriter(out);
    await writer.start(COLUMNS);
    await writer.write([
      ["=cmd|' /C calc'!A0", "-3.50", "2"],
      ["第一支部, 机关", null, "0"],
    ]);
    await writer.finish();
    const text = (await done).toString("utf8");
    expect(text).toBe("\uFEFF组织名称,得分,数量\r\n'=cmd|' /C calc'!A0,-3.50,2\r\n\"第一支部, 机关\",,0\r\n");
  });
});

describe("file names", () => {
  test("RFC 5987 filename* with an ASCII fallback", () => {
    expect(contentDisposition("考核得分_2026-H1.csv", "scores_2026-H1.csv")).toBe(
      "attachment; filename=\"scores_2026-H1.csv\"; filename*=UTF-8''%E8%80%83%E6%A0%B8%E5%BE%97%E5%88%86_2026-H1.csv",
    );
    expect(encodeRfc5987("a'b(c)*.csv")).toBe("a%27b%28c%29%2A.csv");
    expect(contentDisposition("x.csv", 'bad"name/../é.csv')).toContain('filename="bad_name_..__.csv"');
    expect(safeFileName('问题清单_A/B:"C"_2026')).toBe("问题清单_A_B__C__2026");
  });
});

describe("scope arithmetic", () => {
  const actor = (scopePath: string | null, role = Role.VIEWER) => ({ userId: 1, username: "u", role, scopeOrganizationId: scopePath ? 1 : null, scopePath });
  const range = (path: string) => ({ kind: "range" as const, lower: path, upper: path.slice(0, -1) + "0" });
  const a = "0000000001/";
  const ab = "0000000001/0000000002/";
  const ac = "0000000001/0000000003/";

  test("a subtree is cut to the scope; disjoint subtrees give nothing; an unscoped non-admin reads nothing", () => {
    expect(withinActorScope({ kind: "all" }, actor(null, Role.ADMIN))).toEqual({ kind: "all" });
    expect(withinActorScope({ kind: "all" }, actor(ab))).toEqual(range(ab));
    expect(withinActorScope(range(a), actor(ab))).toEqual(range(ab));
    expect(withinActorScope(range(ab), actor(a))).toEqual(range(ab));
    expect(withinActorScope(range(ac), actor(ab))).toEqual({ kind: "none" });
    expect(withinActorScope({ kind: "all" }, actor(null))).toEqual({ kind: "none" });
  });
});

describe("XLSX", () => {
  test("numbers as numbers, text as text, header bold, rows beyond a sheet continue on the next", async () => {
    const out = new PassThrough();
    const done = collect(out);
    const writer = new XlsxWriter(out, { sheetName: "考核得分", maxRowsPerSheet: 3 });
    await writer.start(COLUMNS);
    await writer.write([
      ["=1+2", "-3.50", "2"],
      ["二", "84.37", null],
      ["三", "100.00", "7"],
    ]);
    await writer.finish();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await done) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["考核得分", "考核得分 (2)"]);
    const [first, second] = workbook.worksheets;
    expect(first.getRow(1).values).toEqual([undefined, "组织名称", "得分", "数量"]);
    expect(first.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(first.getRow(2).getCell(1).value).toBe("=1+2");
    expect(first.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getRow(2).getCell(2).value).toBe(-3.5);
    expect(first.getRow(2).getCell(2).numFmt).toBe("0.00");
    expect(first.getRow(3).getCell(3).value).toBeNull();
    expect(second.getRow(1).getCell(1).value).toBe("组织名称");
    expect(second.getRow(2).values).toEqual([undefined, "三", 100, 7]);
  });

  test("the backpressure probe still finds exceljs's buffer (guards an exceljs or archiver upgrade)", async () => {
    const out = new PassThrough();
    const done = collect(out);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet("s");
    sheet.addRow(["a"]).commit();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const backlog = sheetBacklog(sheet);
    expect(backlog).not.toBeNull();
    expect(typeof backlog!.length()).toBe("number");
    expect((backlog!.stream as { constructor: { name: string } }).constructor.name).toBe("PassThrough");
    sheet.commit();
    await workbook.commit();
    await done;
  });
});
