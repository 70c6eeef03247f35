import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "../../src/services/csv/csv-reader";

const ABC = ["a", "b", "c"] as const;

function linesAndValues(text: string, columns: readonly string[] = ABC) {
  const table = readCsv(text, columns);
  expect(table.problems).toEqual([]);
  return table.records.map((record) => [record.line, record.values]);
}

describe("readCsv", () => {
  describe("well-formed input", () => {
    it("reads the header and records keyed by column name, with physical line numbers", () => {
      const table = readCsv("a,b,c\n1,2,3\n4,5,6\n", ABC);
      expect(table).toEqual({
        header: ["a", "b", "c"],
        records: [
          { line: 2, values: { a: "1", b: "2", c: "3" } },
          { line: 3, values: { a: "4", b: "5", c: "6" } },
        ],
        problems: [],
      });
    });

    it("accepts the header columns in any order", () => {
      expect(linesAndValues("c,a,b\n3,1,2")).toEqual([[2, { a: "1", b: "2", c: "3" }]]);
    });

    it("reads a last record that has no line break after it", () => {
      expect(linesAndValues("a,b,c\n1,2,3")).toEqual([[2, { a: "1", b: "2", c: "3" }]]);
    });

    it("keeps empty fields, including a trailing one", () => {
      expect(linesAndValues("a,b,c\n,,\n1,,\n,,3")).toEqual([
        [2, { a: "", b: "", c: "" }],
        [3, { a: "1", b: "", c: "" }],
        [4, { a: "", b: "", c: "3" }],
      ]);
    });

    it("returns values as plain objects", () => {
      const [record] = readCsv("a,b,c\n1,2,3", ABC).records;
      expect(Object.getPrototypeOf(record.values)).toBe(Object.prototype);
      expect(Object.keys(record.values)).toEqual(["a", "b", "c"]);
    });

    it("returns no records and no problems for a header-only file", () => {
      expect(readCsv("a,b,c\r\n", ABC)).toEqual({ header: ["a", "b", "c"], records: [], problems: [] });
    });

    it("keeps non-ASCII text", () => {
      expect(linesAndValues("a,b,c\n贵州省委,铜仁市委,\"碧江区, 教育局\"")).toEqual([
        [2, { a: "贵州省委", b: "铜仁市委", c: "碧江区, 教育局" }],
      ]);
    });
  });

  describe("byte order mark", () => {
    it("strips a leading BOM so the first column name still matches", () => {
      const table = readCsv("\uFEFFa,b,c\n1,2,3\n", ABC);
      expect(table.problems).toEqual([]);
      expect(table.header).toEqual(["a", "b", "c"]);
      expect(table.records).toEqual([{ line: 2, values: { a: "1", b: "2", c: "3" } }]);
    });

    it("keeps a BOM that is not at the start of the text", () => {
      expect(linesAndValues("a,b,c\n\uFEFF1,2,3")).toEqual([[2, { a: "\uFEFF1", b: "2", c: "3" }]]);
    });
  });

  describe("line endings", () => {
    it("accepts CRLF without leaving CR in the values", () => {
      expect(linesAndValues("a,b,c\r\n1,2,3\r\n4,5,6\r\n")).toEqual([
        [2, { a: "1", b: "2", c: "3" }],
        [3, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("accepts a mix of CRLF and LF", () => {
      expect(linesAndValues("a,b,c\n1,2,3\r\n4,5,6\n7,8,9")).toEqual([
        [2, { a: "1", b: "2", c: "3" }],
        [3, { a: "4", b: "5", c: "6" }],
        [4, { a: "7", b: "8", c: "9" }],
      ]);
    });

    it("treats a lone CR as a line break", () => {
      expect(linesAndValues("a,b,c\r1,2,3\r4,5,6\r")).toEqual([
        [2, { a: "1", b: "2", c: "3" }],
        [3, { a: "4", b: "5", c: "6" }],
      ]);
    });
  });

  describe("quoted fields", () => {
    it("keeps commas inside quotes", () => {
      expect(linesAndValues('a,b,c\n"1,5","x, y, z",3')).toEqual([[2, { a: "1,5", b: "x, y, z", c: "3" }]]);
    });

    it('turns a doubled quote "" into one quote', () => {
      expect(linesAndValues('a,b,c\n"say ""hi""","""","a""b"""')).toEqual([
        [2, { a: 'say "hi"', b: '"', c: 'a"b"' }],
      ]);
    });

    it("reads an empty quoted field as an empty string", () => {
      expect(linesAndValues('a,b,c\n"",x,""')).toEqual([[2, { a: "", b: "x", c: "" }]]);
    });

    it("keeps LF inside quotes and counts it for the lines of the following records", () => {
      const text = 'a,b,c\n1,"first\nsecond\nthird",3\n4,5,6\n';
      expect(linesAndValues(text)).toEqual([
        [2, { a: "1", b: "first\nsecond\nthird", c: "3" }],
        [5, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("turns CRLF inside quotes into LF and counts each as one line", () => {
      const text = 'a,b,c\r\n1,"first\r\nsecond\r\n\r\nfourth",3\r\n4,5,6\r\n';
      expect(linesAndValues(text)).toEqual([
        [2, { a: "1", b: "first\nsecond\n\nfourth", c: "3" }],
        [6, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("keeps a lone CR inside quotes but counts it as a line", () => {
      expect(linesAndValues('a,b,c\n"x\ry",2,3\n4,5,6')).toEqual([
        [2, { a: "x\ry", b: "2", c: "3" }],
        [4, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("counts lines across several multi-line fields and escaped quotes in one record", () => {
      const text = 'a,b,c\n"1\n""2""\n","3\r\n4","5\n"\n"x",y,z\n';
      expect(linesAndValues(text)).toEqual([
        [2, { a: '1\n"2"\n', b: "3\n4", c: "5\n" }],
        [7, { a: "x", b: "y", c: "z" }],
      ]);
    });

    it("allows a quoted field to be the only field of a line", () => {
      expect(linesAndValues('a\n"x\ny"\nz', ["a"])).toEqual([
        [2, { a: "x\ny" }],
        [4, { a: "z" }],
      ]);
    });
  });

  describe("trimming", () => {
    it("trims spaces and tabs around unquoted fields", () => {
      expect(linesAndValues("a,b,c\n  1 ,\t2\t, 3 4  ")).toEqual([[2, { a: "1", b: "2", c: "3 4" }]]);
    });

    it("trims spaces outside quotes and keeps spaces inside them", () => {
      expect(linesAndValues('a,b,c\n  "a, b" ,"  x  ",\t" y"\t\n')).toEqual([
        [2, { a: "a, b", b: "  x  ", c: " y" }],
      ]);
    });

    it("trims spaces outside quotes before a CRLF", () => {
      expect(linesAndValues('a,b,c\r\n1,2,"3"  \r\n4,5,6')).toEqual([
        [2, { a: "1", b: "2", c: "3" }],
        [3, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("trims header names, quoted or not", () => {
      const table = readCsv(' a ,  " b " ,c\t\n1,2,3', ABC);
      expect(table.problems).toEqual([]);
      expect(table.header).toEqual(["a", "b", "c"]);
      expect(table.records).toEqual([{ line: 2, values: { a: "1", b: "2", c: "3" } }]);
    });
  });

  describe("blank lines", () => {
    it("skips empty lines anywhere and keeps physical line numbers", () => {
      const text = "\n\na,b,c\n\n1,2,3\n\n\n4,5,6\n\n";
      expect(linesAndValues(text)).toEqual([
        [5, { a: "1", b: "2", c: "3" }],
        [8, { a: "4", b: "5", c: "6" }],
      ]);
    });

    it("skips CRLF blank lines and lines holding only spaces", () => {
      const text = "a,b,c\r\n\r\n   \r\n1,2,3\r\n\t\r\n\r\n";
      expect(linesAndValues(text)).toEqual([[4, { a: "1", b: "2", c: "3" }]]);
    });

    it('does not skip a line holding a quoted "" in a one-column file', () => {
      expect(linesAndValues('a\n""\n\nx\n', ["a"])).toEqual([
        [2, { a: "" }],
        [4, { a: "x" }],
      ]);
    });

    it("does not take a line of commas for a blank line", () => {
      const table = readCsv("a,b,c\n,,\n", ABC);
      expect(table.records).toEqual([{ line: 2, values: { a: "", b: "", c: "" } }]);
    });
  });

  describe("field count", () => {
    it("reports records with too few or too many fields and keeps the others", () => {
      const table = readCsv("a,b,c\n1,2\n3,4,5\n6,7,8,9\n", ABC);
      expect(table.records).toEqual([{ line: 3, values: { a: "3", b: "4", c: "5" } }]);
      expect(table.problems).toEqual([
        { line: 2, reason: "expected 3 fields, found 2" },
        { line: 4, reason: "expected 3 fields, found 4" },
      ]);
    });

    it("reports the line where a multi-line record starts", () => {
      const table = readCsv('a,b,c\n1,"x\ny"\n2,3,4', ABC);
      expect(table.problems).toEqual([{ line: 2, reason: "expected 3 fields, found 2" }]);
      expect(table.records).toEqual([{ line: 4, values: { a: "2", b: "3", c: "4" } }]);
    });

    it("counts 7 against 5 in the message", () => {
      const columns = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
      const table = readCsv(`${columns.join(",")}\n1,2,3,4,5\n`, columns);
      expect(table.problems).toEqual([{ line: 2, reason: "expected 7 fields, found 5" }]);
    });
  });

  describe("header problems", () => {
    it("reports each missing column at line 1 and returns no records", () => {
      const table = readCsv("b\n1\n", ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([
        { line: 1, column: "a", reason: 'missing column "a" in the header' },
        { line: 1, column: "c", reason: 'missing column "c" in the header' },
      ]);
    });

    it("reports an unknown column", () => {
      const table = readCsv("a,b,c,extra\n1,2,3,4\n", ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([{ line: 1, column: "extra", reason: 'unknown column "extra" in the header' }]);
    });

    it("reports a duplicate column once", () => {
      const table = readCsv("a,b,c,b,b\n1,2,3,4,5\n", ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([{ line: 1, column: "b", reason: 'duplicate column "b" in the header' }]);
    });

    it("reports a column without a name", () => {
      const table = readCsv("a,,b,c\n1,2,3,4\n", ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([{ line: 1, reason: "column 2 has no name in the header" }]);
    });

    it("does not match column names case-insensitively", () => {
      const table = readCsv("A,b,c\n1,2,3\n", ABC);
      expect(table.problems).toEqual([
        { line: 1, column: "a", reason: 'missing column "a" in the header' },
        { line: 1, column: "A", reason: 'unknown column "A" in the header' },
      ]);
    });

    it("reports header problems on the header's own line after leading blank lines", () => {
      const table = readCsv("\r\n\r\na,b\r\n1,2\r\n", ABC);
      expect(table.problems).toEqual([{ line: 3, column: "c", reason: 'missing column "c" in the header' }]);
    });

    it("reports a malformed header instead of checking its names", () => {
      const table = readCsv('a,b"x,c\n1,2,3\n', ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([{ line: 1, column: 'b"x', reason: "stray quote in an unquoted field" }]);
    });
  });

  describe("quote problems", () => {
    it("reports a stray quote in an unquoted field with its column and keeps other records", () => {
      const table = readCsv('a,b,c\n1,ab"c,3\n4,5,6\n', ABC);
      expect(table.records).toEqual([{ line: 3, values: { a: "4", b: "5", c: "6" } }]);
      expect(table.problems).toEqual([{ line: 2, column: "b", reason: "stray quote in an unquoted field" }]);
    });

    it("reports a stray quote at the end of an unquoted field", () => {
      const table = readCsv('a,b,c\n1,2,3"\n', ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([{ line: 2, column: "c", reason: "stray quote in an unquoted field" }]);
    });

    it("reports text after a closing quote", () => {
      const table = readCsv('a,b,c\n"1"x,2,3\n4,5,6', ABC);
      expect(table.records).toEqual([{ line: 3, values: { a: "4", b: "5", c: "6" } }]);
      expect(table.problems).toEqual([{ line: 2, column: "a", reason: "unexpected text after a closing quote" }]);
    });

    it("reports an unterminated quoted field at the line where the field starts", () => {
      const table = readCsv('a,b,c\n1,2,3\n"x\ny","never closed\n4,5,6\n', ABC);
      expect(table.records).toEqual([{ line: 2, values: { a: "1", b: "2", c: "3" } }]);
      expect(table.problems).toEqual([
        // The record starts on line 3, the unclosed field on line 4.
        { line: 4, column: "b", reason: "unterminated quoted field: the closing quote is missing" },
      ]);
    });

    it("reports an unterminated quoted field in the header", () => {
      const table = readCsv('a,"b,c\n1,2,3\n', ABC);
      expect(table.records).toEqual([]);
      expect(table.problems).toEqual([
        { line: 1, reason: "unterminated quoted field: the closing quote is missing" },
      ]);
    });
  });

  describe("empty input", () => {
    it.each([
      ["empty text", ""],
      ["only a BOM", "\uFEFF"],
      ["only blank lines", "\n\r\n  \n\t\r\n"],
    ])("reports %s as an empty file", (_, text) => {
      expect(readCsv(text, ABC)).toEqual({
        header: [],
        records: [],
        problems: [{ line: 1, reason: "the file is empty" }],
      });
    });
  });

  describe("larger input", () => {
    it("keeps line numbers right over many records with multi-line fields", () => {
      const rows: string[] = ["a,b,c"];
      const expected: Array<[number, Record<string, string>]> = [];
      let line = 2;
      for (let i = 0; i < 20_000; i++) {
        if (i % 7 === 0) {
          rows.push(`${i}," multi\r\nline ""${i}"" ", x`);
          expected.push([line, { a: String(i), b: ` multi\nline "${i}" `, c: "x" }]);
          line += 2;
        } else {
          rows.push(`${i},plain ${i},"q,${i}"`);
          expected.push([line, { a: String(i), b: `plain ${i}`, c: `q,${i}` }]);
          line += 1;
        }
      }
      expect(linesAndValues(rows.join("\r\n") + "\r\n")).toEqual(expected);
    });
  });

  describe("fixture tests/fixtures/orgs.csv", () => {
    const columns = ["code", "parent_code", "name", "kind", "level", "region_code", "member_count"];
    const text = readFileSync(join(__dirname, "..", "fixtures", "orgs.csv"), "utf8");
    const table = readCsv(text, columns);

    it("reads all 63 records without problems", () => {
      expect(table.problems).toEqual([]);
      expect(table.header).toEqual(columns);
      expect(table.records).toHaveLength(63);
    });

    it("reads the GZ record with its physical line number", () => {
      const physicalLine = text.split(/\r?\n/).findIndex((row) => row.startsWith("GZ,")) + 1;
      expect(physicalLine).toBeGreaterThan(1);
      const gz = table.records.find((record) => record.values.code === "GZ");
      expect(gz).toEqual({
        line: physicalLine,
        values: {
          code: "GZ",
          parent_code: "",
          name: "贵州省委",
          kind: "LOCAL_COMMITTEE",
          level: "PROVINCE",
          region_code: "520000",
          member_count: "350",
        },
      });
    });
  });
});
