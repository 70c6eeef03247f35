import fs from "node:fs";
import path from "node:path";
import { startTestServer, type GraphQLResponse, type TestServer } from "./helpers/test-server";

/** The importOrganizations mutation over HTTP: whole files in, all or nothing (DOMAIN.md §6 orgs.csv). */

const ORGS_CSV = fs.readFileSync(path.join(__dirname, "fixtures", "orgs.csv"), "utf8");
const BAD_CSV = fs.readFileSync(path.join(__dirname, "fixtures", "orgs-bad.csv"), "utf8");
const HEADER = "code,parent_code,name,kind,level,region_code,member_count";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(() => server.close());

const IMPORT = /* GraphQL */ `
  mutation Import($csv: String!) { importOrganizations(csv: $csv) { created roots { code depth } } }
`;
const READ = /* GraphQL */ `
  query Read($code: String!) {
    organization(code: $code) {
      code name kind level regionCode memberCount depth
      parent { code }
      ancestors { code }
      children(first: 100) { totalCount nodes { code } }
    }
  }
`;

function importCsv(csv: string): Promise<GraphQLResponse> {
  return server.gql(IMPORT, { csv });
}

async function imported(csv: string): Promise<{ created: number; roots: { code: string; depth: number }[] }> {
  const response = await importCsv(csv);
  expect(response.errors).toBeUndefined();
  return response.data.importOrganizations;
}

async function read(code: string): Promise<any> {
  const response = await server.gql(READ, { code });
  expect(response.errors).toBeUndefined();
  return response.data.organization;
}

async function rowCount(): Promise<number> {
  return Number((await server.dataSource.query("SELECT COUNT(*) AS n FROM organization"))[0].n);
}

/** A refused import: one BAD_USER_INPUT error, no data, and not one row written. */
async function refusedWithoutWriting(csv: string): Promise<{ line?: number; column?: string; reason: string }[]> {
  const before = await rowCount();
  const response = await importCsv(csv);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(await rowCount()).toBe(before);
  return response.errors![0].extensions!.problems as { line?: number; column?: string; reason: string }[];
}

describe("tests/fixtures/orgs.csv", () => {
  beforeAll(async () => {
    const summary = await imported(ORGS_CSV);
    expect(summary).toEqual({ created: 63, roots: [{ code: "GZ", depth: 0 }] });
  });

  test("imports all 63 organisations under the one root", async () => {
    expect(await rowCount()).toBe(63);
    const total = await server.gql(`{ organizations { totalCount } }`);
    expect(total.data.organizations.totalCount).toBe(63);
    const subtree = await server.gql(`query($code: String!) { organization(code: $code) { descendants { totalCount } } }`, { code: "GZ" });
    expect(subtree.data.organization.descendants.totalCount).toBe(62);
  });

  test("keeps every field of a row", async () => {
    expect(await read("TR-FIN-PG")).toMatchObject({
      name: "铜仁市财政局党组",
      kind: "PARTY_GROUP",
      level: "CITY",
      regionCode: "520600",
      memberCount: 42,
    });
  });

  test("links parents and children, whatever the row order", async () => {
    const city = await read("TR");
    expect(city.parent).toEqual({ code: "GZ" });
    expect(city.children.nodes).toEqual([{ code: "TR-BJ" }, { code: "TR-GW" }, { code: "TR-WS" }]);
    expect((await read("TR-FIN-OC")).children.nodes).toEqual([{ code: "TR-FIN-B3" }, { code: "TR-FIN-B4" }, { code: "TR-FIN-GB1" }]);
    expect((await read("GZ")).children.nodes).toEqual([{ code: "GZ-GW" }, { code: "TR" }]);
  });

  test("gives a deep branch its depth and ancestors", async () => {
    // The first row of the file, whose parent chain only appears further down.
    const deep = await read("TR-FIN-B1");
    expect(deep.depth).toBe(6);
    expect(deep.ancestors).toEqual(["GZ", "TR", "TR-GW", "TR-FIN-PG", "TR-FIN-OC", "TR-FIN-GB1"].map((code) => ({ code })));
    const county = await read("TR-BJ-AGR-B3");
    expect(county.depth).toBe(6);
    expect(county.ancestors.map((a: { code: string }) => a.code)).toEqual(["GZ", "TR", "TR-BJ", "TR-BJ-GW", "TR-BJ-AGR-PG", "TR-BJ-AGR-OC"]);
  });

  test("a second import of the same file fails, every row naming its existing code, and writes nothing", async () => {
    const problems = await refusedWithoutWriting(ORGS_CSV);
    expect(problems).toHaveLength(63);
    expect(problems.map((p) => p.line)).toEqual(Array.from({ length: 63 }, (_, i) => i + 2));
    expect(problems.every((p) => p.column === "code" && /already exists/.test(p.reason))).toBe(true);
  });

  test("a parent already in the database takes new children", async () => {
    const csv = [
      HEADER,
      "TR-NEW-PG,TR-GW,铜仁市新设局党组,PARTY_GROUP,CITY,520600,5",
      "TR-NEW-OC,TR-NEW-PG,铜仁市新设局机关党委,ORGAN_COMMITTEE,CITY,520600,5",
    ].join("\n");
    expect(await imported(csv)).toEqual({ created: 2, roots: [{ code: "TR-NEW-PG", depth: 3 }] });
    const organCommittee = await read("TR-NEW-OC");
    expect(organCommittee.depth).toBe(4);
    expect(organCommittee.ancestors.map((a: { code: string }) => a.code)).toEqual(["GZ", "TR", "TR-GW", "TR-NEW-PG"]);
    expect((await read("TR-GW")).children.totalCount).toBe(4);
  });
});

describe("tests/fixtures/orgs-bad.csv", () => {
  test("lists exactly one problem for each bad row (lines 7–14), with line, column and reason, and writes nothing", async () => {
    const problems = await refusedWithoutWriting(BAD_CSV);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [7, "parent_code"], // a branch under a branch
      [8, "parent_code"], // a parent that does not exist
      [9, "parent_code"], // its own parent
      [10, "code"], // code used on line 4
      [11, "kind"], // unknown kind
      [12, "member_count"], // not a number
      [13, "region_code"], // not six digits
      [14, "name"], // empty
    ]);
    for (const problem of problems) expect(problem.reason).toMatch(/\S{3,}/);
    expect(problems[3].reason).toContain("line 4");
  });
});

describe("file format", () => {
  test("a BOM, CRLF line ends and quoted fields holding commas and quotes", async () => {
    const csv =
      "\uFEFF" +
      [
        HEADER,
        'FMT-P,,"某省委, 含逗号",LOCAL_COMMITTEE,PROVINCE,530000,1',
        ' FMT-G , FMT-P ,"他说""好""",WORKING_COMMITTEE,PROVINCE,530000, 3 ',
      ].join("\r\n") +
      "\r\n";
    expect(await imported(csv)).toEqual({ created: 2, roots: [{ code: "FMT-P", depth: 0 }] });
    expect(await read("FMT-P")).toMatchObject({ name: "某省委, 含逗号", memberCount: 1 });
    expect(await read("FMT-G")).toMatchObject({ name: '他说"好"', memberCount: 3, parent: { code: "FMT-P" }, depth: 1 });
  });

  test("a quoted name spanning lines (CRLF inside the quotes)", async () => {
    const csv = [HEADER, 'NL-P,,"第一行\r\n第二行",LOCAL_COMMITTEE,PROVINCE,530000,1', "NL-W,NL-P,工委,WORKING_COMMITTEE,PROVINCE,530000,1"].join("\r\n");
    expect(await imported(csv)).toEqual({ created: 2, roots: [{ code: "NL-P", depth: 0 }] });
    expect(await read("NL-P")).toMatchObject({ name: "第一行\n第二行" });
  });

  test("a multi-line quoted field keeps the physical line numbers of later rows", async () => {
    const csv = [HEADER, 'LN-P,,"甲\n乙",LOCAL_COMMITTEE,PROVINCE,530000,1', "LN-W,LN-P,工委,WORKING_COMMITTEE,PROVINCE,530000,x"].join("\n");
    const problems = await refusedWithoutWriting(csv);
    expect(problems.filter((p) => p.column === "member_count").map((p) => p.line)).toEqual([4]);
  });

  test("a child row before its parent row", async () => {
    const csv = [
      HEADER,
      "ORD-B,ORD-O,支部,BRANCH,COUNTY,530102,7",
      "ORD-O,ORD-W,机关党委,ORGAN_COMMITTEE,COUNTY,530102,7",
      "ORD-W,ORD-K,工委,WORKING_COMMITTEE,COUNTY,530102,7",
      "ORD-K,,县委,LOCAL_COMMITTEE,COUNTY,530102,7",
    ].join("\n");
    expect(await imported(csv)).toEqual({ created: 4, roots: [{ code: "ORD-K", depth: 0 }] });
    expect((await read("ORD-B")).ancestors.map((a: { code: string }) => a.code)).toEqual(["ORD-K", "ORD-W", "ORD-O"]);
  });

  test("a file with only its header imports nothing, successfully", async () => {
    expect(await imported(HEADER + "\n")).toEqual({ created: 0, roots: [] });
  });

  test("an empty file or a wrong header is BAD_USER_INPUT", async () => {
    expect((await refusedWithoutWriting("")).map((p) => p.line)).toEqual([1]);
    const problems = await refusedWithoutWriting("code,parent,name,kind,level,region_code,member_count\nA,,甲,LOCAL_COMMITTEE,PROVINCE,530000,1\n");
    expect(problems.map((p) => [p.line, p.column])).toEqual(expect.arrayContaining([[1, "parent_code"]]));
  });

  test("a parent in the database that is dissolved is refused on its row", async () => {
    await imported([HEADER, "DIS-P,,省委,LOCAL_COMMITTEE,PROVINCE,530000,1", "DIS-W,DIS-P,工委,WORKING_COMMITTEE,PROVINCE,530000,1"].join("\n"));
    const dissolve = await server.gql(`mutation($id: ID!) { dissolveOrganization(id: $id) { status } }`, {
      id: (await server.gql(`{ organization(code: "DIS-W") { id } }`)).data.organization.id,
    });
    expect(dissolve.data).toEqual({ dissolveOrganization: { status: "DISSOLVED" } });
    const problems = await refusedWithoutWriting([HEADER, "DIS-B,DIS-W,支部,BRANCH,PROVINCE,530000,5"].join("\n"));
    expect(problems.map((p) => [p.line, p.column])).toEqual([[2, "parent_code"]]);
    expect(problems[0].reason).toMatch(/dissolved/);
  });

  test("one bad row among good ones stops the whole file", async () => {
    const csv = [HEADER, "ALL-P,,省委,LOCAL_COMMITTEE,PROVINCE,530000,1", "ALL-W,ALL-P,工委,WORKING_COMMITTEE,CITY,530000,1"].join("\n");
    const problems = await refusedWithoutWriting(csv);
    expect(problems.map((p) => [p.line, p.column])).toEqual([[3, "level"]]);
    expect(await read("ALL-P")).toBeNull();
  });
});
