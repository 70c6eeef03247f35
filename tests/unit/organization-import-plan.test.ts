import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AdminLevel, OrgKind, OrgStatus } from "../../src/entities/enums";
import { readCsv } from "../../src/services/csv/csv-reader";
import {
  ORGANIZATION_IMPORT_COLUMNS,
  planImport,
  referencedCodes,
  type ExistingOrganization,
  type ImportPlan,
} from "../../src/services/organization-import-plan";
import { MAX_DEPTH } from "../../src/services/organization-path";

const HEADER = ORGANIZATION_IMPORT_COLUMNS.join(",");
const NOTHING_IN_DATABASE = { byCode: new Map<string, ExistingOrganization>() };

function fixture(name: string): string {
  return readFileSync(join(__dirname, "..", "fixtures", name), "utf8");
}

function plan(text: string, byCode = new Map<string, ExistingOrganization>()): ImportPlan {
  const table = readCsv(text, ORGANIZATION_IMPORT_COLUMNS);
  expect(table.problems).toEqual([]);
  return planImport(table.records, { byCode });
}

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join("\n") + "\n";
}

function where(result: ImportPlan): [number | undefined, string | undefined][] {
  return result.problems.map((problem) => [problem.line, problem.column]);
}

/** Every row comes after its parent when the parent is in the file. */
function expectParentsFirst(result: ImportPlan): void {
  result.rows.forEach((row, index) => {
    if (row.parentIndex !== null) {
      expect(row.parentIndex).toBeLessThan(index);
      expect(result.rows[row.parentIndex].code).toBe(row.parentCode);
      expect(row.depth).toBe(result.rows[row.parentIndex].depth + 1);
    }
  });
}

const activeProvince: ExistingOrganization = {
  id: 7,
  kind: OrgKind.LOCAL_COMMITTEE,
  level: AdminLevel.PROVINCE,
  path: "0000000007/",
  depth: 0,
  status: OrgStatus.ACTIVE,
};

describe("planImport", () => {
  it("reports exactly one problem for each bad row of orgs-bad.csv, and none for the good rows", () => {
    const result = plan(fixture("orgs-bad.csv"));

    expect(where(result)).toEqual([
      [7, "parent_code"], // a branch under a branch
      [8, "parent_code"], // the parent is nowhere
      [9, "parent_code"], // its own parent
      [10, "code"], // X3 again; the first X3 (line 4) is fine
      [11, "kind"],
      [12, "member_count"],
      [13, "region_code"],
      [14, "name"],
    ]);
    expect(result.problems.map((problem) => problem.reason)).toEqual([
      expect.stringContaining("cannot be placed under a BRANCH"),
      expect.stringContaining('"X9" is neither in the file nor in the database'),
      "an organisation cannot be its own parent",
      'code "X3" is already used on line 4',
      expect.stringContaining('unknown kind "COMMITTEE_OF_SOMETHING"'),
      expect.stringContaining('"abc"'),
      expect.stringContaining('"51"'),
      "name is empty",
    ]);
    expect(result.rows).toEqual([]);
  });

  it("accepts all of orgs.csv, parents before children", () => {
    const result = plan(fixture("orgs.csv"));

    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(63);
    expectParentsFirst(result);
    expect(result.rows.filter((row) => row.parentCode === null).map((row) => row.code)).toEqual(["GZ"]);
  });

  it("accepts rows in any order: children before their parents", () => {
    const result = plan(
      csv(
        "B1,GB,第一支部,BRANCH,CITY,520600,10",
        "GB,OC,总支,GENERAL_BRANCH,CITY,520600,0",
        "OC,WC,机关党委,ORGAN_COMMITTEE,CITY,520600,0",
        "WC,TR,工委,WORKING_COMMITTEE,CITY,520600,0",
        "TR,,市委,LOCAL_COMMITTEE,CITY,520600,0",
      ),
    );

    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.code, row.depth, row.line])).toEqual([
      ["TR", 0, 6],
      ["WC", 1, 5],
      ["OC", 2, 4],
      ["GB", 3, 3],
      ["B1", 4, 2],
    ]);
    expectParentsFirst(result);
    expect(result.rows[4]).toMatchObject({ name: "第一支部", kind: OrgKind.BRANCH, level: AdminLevel.CITY, regionCode: "520600", memberCount: 10 });
  });

  it("orders rows of the same depth by code, whatever their order in the file", () => {
    const result = plan(csv("TR,,市委,LOCAL_COMMITTEE,CITY,520600,0", "GZ,,省委,LOCAL_COMMITTEE,PROVINCE,520000,0"));
    expect(result.rows.map((row) => row.code)).toEqual(["GZ", "TR"]);
  });

  it("reports every row of a three-row cycle, and nothing for a row hanging below it", () => {
    const result = plan(
      csv(
        "A,C,甲,LOCAL_COMMITTEE,PROVINCE,520000,0",
        "B,A,乙,LOCAL_COMMITTEE,CITY,520600,0",
        "C,B,丙,LOCAL_COMMITTEE,COUNTY,520602,0",
        "D,C,丁,WORKING_COMMITTEE,COUNTY,520602,0",
      ),
    );

    expect(where(result)).toEqual([
      [2, "parent_code"],
      [3, "parent_code"],
      [4, "parent_code"],
    ]);
    for (const problem of result.problems) expect(problem.reason).toMatch(/cycle/);
  });

  it("reports a repeated code on the later rows only", () => {
    const result = plan(
      csv(
        "TR,,市委,LOCAL_COMMITTEE,CITY,520600,0",
        "TR,,另一个市委,LOCAL_COMMITTEE,CITY,520600,0",
        "WC,TR,工委,WORKING_COMMITTEE,CITY,520600,0",
        "TR,,第三个,LOCAL_COMMITTEE,CITY,520600,0",
      ),
    );

    expect(where(result)).toEqual([
      [3, "code"],
      [5, "code"],
    ]);
    expect(result.problems[1].reason).toBe('code "TR" is already used on line 2');
  });

  it("treats codes as case-sensitive", () => {
    const result = plan(csv("tr,,市委,LOCAL_COMMITTEE,CITY,520600,0", "TR,,市委,LOCAL_COMMITTEE,CITY,520600,0"));
    expect(result.problems).toEqual([]);
  });

  it("places rows under a parent that exists only in the database, below its depth", () => {
    const result = plan(
      csv("B1,WC,支部,BRANCH,PROVINCE,520000,3", "WC,GZ,工委,WORKING_COMMITTEE,PROVINCE,520000,0"),
      new Map([["GZ", activeProvince]]),
    );

    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.code, row.depth])).toEqual([
      ["WC", 1],
      ["B1", 2],
    ]);
    expect(result.rows[0].existingParent).toBe(activeProvince);
    expect(result.rows[0].parentIndex).toBeNull();
    expectParentsFirst(result);
  });

  it("checks the kind and level rules against a parent in the database", () => {
    const result = plan(
      csv("PG,GZ,党组,PARTY_GROUP,PROVINCE,520000,0", "WC,GZ,工委,WORKING_COMMITTEE,CITY,520000,0"),
      new Map([["GZ", activeProvince]]),
    );
    expect(where(result)).toEqual([
      [2, "parent_code"],
      [3, "level"],
    ]);
  });

  it("refuses a dissolved parent and a code already in the database", () => {
    const result = plan(
      csv("WC,OLD,工委,WORKING_COMMITTEE,PROVINCE,520000,0", "GZ,,省委,LOCAL_COMMITTEE,PROVINCE,520000,0"),
      new Map([
        ["OLD", { ...activeProvince, id: 8, status: OrgStatus.DISSOLVED }],
        ["GZ", activeProvince],
      ]),
    );
    expect(result.problems).toEqual([
      { line: 2, column: "parent_code", reason: 'parent "OLD" is dissolved' },
      { line: 3, column: "code", reason: 'an organisation with code "GZ" already exists' },
    ]);
  });

  it("skips the rule checks of a child whose parent row has an unreadable kind", () => {
    const result = plan(csv("TR,,市委,COMMITTEE,CITY,520600,0", "WC,TR,工委,WORKING_COMMITTEE,CITY,520600,0"));
    expect(where(result)).toEqual([[2, "kind"]]);
  });

  it("reports the first row deeper than MAX_DEPTH, not its descendants", () => {
    const rows = ["L0,,根,LOCAL_COMMITTEE,NATIONAL,100000,0"];
    for (let depth = 1; depth <= MAX_DEPTH + 2; depth++) {
      rows.push(`L${depth},L${depth - 1},第${depth}层,LOCAL_COMMITTEE,NATIONAL,100000,0`);
    }
    const table = readCsv(csv(...rows), ORGANIZATION_IMPORT_COLUMNS);
    // No chain of valid kinds and levels gets this deep, so the level problems are set aside.
    const depthProblems = planImport(table.records, NOTHING_IN_DATABASE).problems.filter((p) => /deeper/.test(p.reason));
    const lineOfDepth = (depth: number) => depth + 2;
    expect(depthProblems.map((problem) => problem.line)).toEqual([lineOfDepth(MAX_DEPTH + 1)]);
  });

  it("handles a parent chain far deeper than the call stack", () => {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++) rows.push(`C${i},C${i + 1},名,BRANCH,CITY,520600,0`);
    const table = readCsv([HEADER, ...rows].join("\n"), ORGANIZATION_IMPORT_COLUMNS);
    const result = planImport(table.records, NOTHING_IN_DATABASE);
    // Branches under branches break the kind rule; the depth below a missing parent is unknown.
    const otherThanKind = result.problems.filter((problem) => !/cannot be placed under/.test(problem.reason));
    expect(otherThanKind.map((problem) => problem.line)).toEqual([100_001]);
  });

  it("handles a cycle through a hundred thousand rows, naming only a few of them", () => {
    const count = 100_000;
    const rows: string[] = [];
    for (let i = 0; i < count; i++) rows.push(`C${i},C${(i + 1) % count},名,LOCAL_COMMITTEE,CITY,520600,0`);
    const table = readCsv([HEADER, ...rows].join("\n"), ORGANIZATION_IMPORT_COLUMNS);
    const result = planImport(table.records, NOTHING_IN_DATABASE);
    expect(result.problems).toHaveLength(count);
    expect(result.problems[0].reason.length).toBeLessThan(200);
    expect(result.problems[0].reason).toContain(`${count} rows`);
  });
});

describe("referencedCodes", () => {
  it("lists each code and parent code once, trimmed, without empty parents", () => {
    const table = readCsv(csv("A,,甲,LOCAL_COMMITTEE,CITY,520600,0", "B, A ,乙,WORKING_COMMITTEE,CITY,520600,0", "C,Z,丙,BRANCH,CITY,520600,0"), ORGANIZATION_IMPORT_COLUMNS);
    expect([...referencedCodes(table.records)].sort()).toEqual(["A", "B", "C", "Z"]);
  });
});
